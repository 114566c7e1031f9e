/// "1 record", "3 records": a number with its noun in the right form. English plurals only;
/// issue 21's message catalogue takes over with each language's plural rules.
func counted(_ count: Int, _ one: String, _ many: String? = nil) -> String {
    "\(count) \(count == 1 ? one : many ?? one + "s")"
}
