import Vapor

/// A list page of the catalogue: the items, where we are and how many there are.
struct ListPage<Item: Content>: Content {
    let items: [Item]
    let page: Int
    let per: Int
    let total: Int
    var pageCount: Int { per > 0 ? max(1, (total + per - 1) / per) : 1 }

    enum CodingKeys: String, CodingKey { case items, page, per, total, pageCount }

    init(items: [Item], page: Int, per: Int, total: Int) {
        self.items = items
        self.page = page
        self.per = max(1, per)
        self.total = total
    }

    init(items: [Item], filter: CatalogueFilter, total: Int) {
        self.init(items: items, page: filter.page, per: filter.per, total: total)
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        items = try c.decode([Item].self, forKey: .items)
        page = try c.decode(Int.self, forKey: .page)
        per = max(1, try c.decode(Int.self, forKey: .per))
        total = try c.decode(Int.self, forKey: .total)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(items, forKey: .items)
        try c.encode(page, forKey: .page)
        try c.encode(per, forKey: .per)
        try c.encode(total, forKey: .total)
        try c.encode(pageCount, forKey: .pageCount)
    }
}
