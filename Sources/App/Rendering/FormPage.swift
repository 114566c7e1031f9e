/// A form's page: what was typed (or stored) and the problems beside each field.
struct FormPage<Form: Encodable, Extra: Encodable>: Encodable {
    let form: Form
    let errors: [String: String]
    /// What the form needs besides the values: choices, headings, the organisation.
    let extra: Extra
}
