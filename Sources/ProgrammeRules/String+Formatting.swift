/// Fixed-width numbers in dates, amounts and fingerprints.
extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

/// "1 day", "2 days": the reasons count days and holidays in words.
func plural(_ count: Int, _ word: String) -> String { count == 1 ? word : word + "s" }
