/// A label quoted whole in a message: `« Session 1 - 10/12/2021 - groupe A »`. Labels that
/// differ only at their end (an event, a ticket) must read differently, so they are not cut
/// at 60 characters as other values are (`quoted`); past `labelLimit` characters (a runaway
/// field, not a label) the label is cut and its length said.
func quotedLabel(_ label: String) -> String {
    guard label.count > labelLimit else { return "« \(label) »" }
    return "« \(label.prefix(labelLimit))… » (\(label.count) caractères)"
}

/// The longest label quoted whole.
let labelLimit = 300
