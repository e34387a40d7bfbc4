/// The dimensions SmartSpec knows by name, with English and Russian labels.
///
/// A dataset may use other dimensions by declaring them under `dimensions:` in `dataset.yaml`.
package enum DimensionVocabulary {
    /// The built-in dimensions.
    public static let known: [Dimension] = [
        Dimension(id: "geo-demography", label: "Geography and demography", labelRu: "Географо-демографические условия"),
        Dimension(id: "human-capital", label: "Human capital", labelRu: "Человеческий капитал"),
        Dimension(id: "economic-structure", label: "Economic structure", labelRu: "Структура экономики"),
        Dimension(id: "technology", label: "Technology and R&D", labelRu: "Технологии и исследования"),
        Dimension(id: "firm-structure", label: "Firm structure", labelRu: "Структура предприятий"),
        Dimension(id: "openness", label: "Openness", labelRu: "Открытость экономики"),
        Dimension(id: "institutions", label: "Institutions", labelRu: "Институты"),
        Dimension(id: "labour-market", label: "Labour market", labelRu: "Рынок труда"),
        Dimension(id: "economy", label: "Economy", labelRu: "Экономика"),
        Dimension(id: "innovation", label: "Innovation", labelRu: "Инновации"),
    ]

}
