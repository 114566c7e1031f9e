import ProgrammeRules

/// Offers and requests name the leaflet's purposes.
protocol PurposeColumn: AnyObject {
    var purposeList: String { get set }
}

extension PurposeColumn {
    var purposes: [Purpose] {
        get { StringList.decode(purposeList).compactMap(Purpose.init(rawValue:)) }
        set { purposeList = StringList.encode(newValue.map(\.rawValue)) }
    }
}
