/// The fixed ingredients of the demo union: countries, structural types, traits, indicator
/// formulas and activities. Everything random is drawn by ``DemoUnionGenerator``.
enum DemoUnionCatalogue {
    /// Latent traits of a region, each on a standard scale.
    enum Trait: Int, CaseIterable {
        case urban, education, industry, agriculture, mining, technology, openness, institutions, amenity
    }

    struct Country {
        let code: String, name: String, nameRu: String
        let regionCount: Int
        /// Development level added to education, technology, institutions and income.
        let development: Double
        /// Probability of each structural type for non-capital regions.
        let typeMix: [Double]
    }

    struct StructuralType {
        let name: String
        let profile: [Trait: Double]
    }

    static let countries: [Country] = [
        Country(code: "XA", name: "Avalonia", nameRu: "Авалония", regionCount: 20, development: 0.6, typeMix: [0.10, 0.35, 0.15, 0.10, 0.30]),
        Country(code: "XB", name: "Borealia", nameRu: "Бореалия", regionCount: 18, development: 0.2, typeMix: [0.10, 0.25, 0.20, 0.35, 0.10]),
        Country(code: "XC", name: "Carpatia", nameRu: "Карпатия", regionCount: 22, development: 0.0, typeMix: [0.10, 0.35, 0.30, 0.10, 0.15]),
        Country(code: "XD", name: "Dravia", nameRu: "Дравия", regionCount: 16, development: -0.3, typeMix: [0.05, 0.20, 0.45, 0.20, 0.10]),
        Country(code: "XE", name: "Estmark", nameRu: "Эстмарк", regionCount: 14, development: -0.6, typeMix: [0.05, 0.15, 0.35, 0.35, 0.10]),
    ]

    static let types: [StructuralType] = [
        StructuralType(name: "metropolitan", profile: [.urban: 1.8, .education: 1.4, .industry: -0.6, .agriculture: -1.4, .mining: -0.6,
                                                       .technology: 1.4, .openness: 0.8, .institutions: 0.8, .amenity: 0.6]),
        StructuralType(name: "industrial", profile: [.urban: 0.3, .education: 0.1, .industry: 1.4, .agriculture: -0.4, .mining: 0.0,
                                                     .technology: 0.4, .openness: 0.7, .institutions: 0.1, .amenity: -0.5]),
        StructuralType(name: "agrarian", profile: [.urban: -1.1, .education: -0.7, .industry: -0.5, .agriculture: 1.5, .mining: -0.3,
                                                   .technology: -0.8, .openness: -0.6, .institutions: -0.4, .amenity: 0.0]),
        StructuralType(name: "resource", profile: [.urban: -0.5, .education: -0.2, .industry: 0.2, .agriculture: -0.3, .mining: 2.0,
                                                   .technology: -0.3, .openness: 0.6, .institutions: -0.6, .amenity: -0.8]),
        StructuralType(name: "tourism-services", profile: [.urban: -0.1, .education: 0.0, .industry: -0.8, .agriculture: 0.2, .mining: -0.6,
                                                           .technology: -0.2, .openness: 0.2, .institutions: 0.2, .amenity: 1.8]),
    ]

    /// Syllables with their Cyrillic transliteration, for invented place names.
    static let syllables: [(String, String)] = [
        ("ar", "ар"), ("bel", "бел"), ("da", "да"), ("gor", "гор"), ("ka", "ка"), ("lin", "лин"), ("mar", "мар"),
        ("no", "но"), ("ra", "ра"), ("sel", "сел"), ("tor", "тор"), ("va", "ва"), ("zem", "зем"), ("ost", "ост"),
        ("vel", "вел"), ("mir", "мир"), ("ta", "та"), ("lo", "ло"), ("ren", "рен"), ("du", "ду"), ("kor", "кор"),
        ("san", "сан"), ("pol", "пол"), ("ni", "ни"),
    ]

    /// A structural or performance indicator: metadata, how it follows from the traits, and rounding.
    struct IndicatorRecipe {
        let id: String, label: String, labelRu: String, dimension: String
        let structural: Bool, lowerIsBetter: Bool, log: Bool, unit: String
        /// Intercept, development weight, trait weights, noise sd (on the log scale when `exponential`).
        let intercept: Double, development: Double, weights: [Trait: Double], noise: Double
        let exponential: Bool
        let bounds: ClosedRange<Double>
        let decimals: Int
    }

    static func recipe(_ id: String, _ label: String, _ labelRu: String, _ dimension: String, structural: Bool = true,
                       lower: Bool = false, log: Bool = false, unit: String, _ intercept: Double, dev: Double = 0,
                       _ weights: [Trait: Double], noise: Double, exponential: Bool = false,
                       bounds: ClosedRange<Double> = 0...100, decimals: Int = 1) -> IndicatorRecipe {
        IndicatorRecipe(id: id, label: label, labelRu: labelRu, dimension: dimension, structural: structural, lowerIsBetter: lower,
                        log: log, unit: unit, intercept: intercept, development: dev, weights: weights, noise: noise,
                        exponential: exponential, bounds: bounds, decimals: decimals)
    }

    static let indicators: [IndicatorRecipe] = [
        recipe("population", "Population", "Численность населения", "geo-demography", log: true, unit: "persons",
               13.6, [.urban: 0.7], noise: 0.45, exponential: true, bounds: 20_000...20_000_000, decimals: -2),
        recipe("population_density", "Population density", "Плотность населения", "geo-demography", log: true, unit: "persons per km²",
               3.6, [.urban: 1.2], noise: 0.3, exponential: true, bounds: 0.5...9_000),
        recipe("urban_share", "Urban population share", "Доля городского населения", "geo-demography", unit: "%",
               58, [.urban: 14], noise: 5, bounds: 12...100),
        recipe("tertiary_share", "Population 25–64 with tertiary education", "Доля населения 25–64 лет с высшим образованием",
               "human-capital", unit: "%", 26, dev: 4, [.education: 7, .urban: 2], noise: 2.5, bounds: 5...65),
        recipe("students_per_1000", "University students per 1,000 inhabitants", "Студенты вузов на 1000 жителей",
               "human-capital", unit: "per 1,000", 30, [.education: 10, .urban: 8], noise: 5, bounds: 1...130, decimals: 1),
        recipe("agriculture_share", "Employment share of agriculture", "Доля занятых в сельском хозяйстве",
               "economic-structure", unit: "%", 8, [.agriculture: 6, .urban: -2], noise: 1.5, bounds: 0.2...45),
        recipe("manufacturing_share", "Employment share of manufacturing", "Доля занятых в обрабатывающих производствах",
               "economic-structure", unit: "%", 16, [.industry: 6], noise: 2, bounds: 2...45),
        recipe("mining_share", "Employment share of mining and quarrying", "Доля занятых в добыче полезных ископаемых",
               "economic-structure", unit: "%", 1.8, [.mining: 3.5], noise: 0.8, bounds: 0.05...30, decimals: 2),
        recipe("rd_personnel_per_10k", "R&D personnel per 10,000 employed", "Персонал, занятый исследованиями, на 10 000 занятых",
               "technology", log: true, unit: "per 10,000", 3.1, dev: 0.3, [.technology: 0.7], noise: 0.25, exponential: true, bounds: 1...1_000),
        recipe("patents_per_million", "Patent applications per million inhabitants", "Патентные заявки на 1 млн жителей",
               "technology", log: true, unit: "per million", 3.2, dev: 0.4, [.technology: 1.0, .industry: 0.3], noise: 0.4,
               exponential: true, bounds: 0.5...2_000),
        recipe("ict_employment_share", "Employment share of ICT", "Доля занятых в сфере ИКТ",
               "technology", unit: "%", 2.5, [.technology: 1.4, .urban: 0.9], noise: 0.5, bounds: 0.2...12, decimals: 2),
        recipe("sme_employment_share", "Employment share of small and medium firms", "Доля занятых на малых и средних предприятиях",
               "firm-structure", unit: "%", 60, [.industry: -5, .mining: -4, .agriculture: 3, .amenity: 3], noise: 4, bounds: 25...90),
        recipe("firms_per_1000", "Active firms per 1,000 inhabitants", "Действующие предприятия на 1000 жителей",
               "firm-structure", unit: "per 1,000", 45, dev: 6, [.urban: 9, .amenity: 4], noise: 6, bounds: 8...130),
        recipe("export_share", "Exports as a share of GRP", "Экспорт в процентах от ВРП",
               "openness", unit: "%", 30, [.openness: 10, .industry: 6, .mining: 5], noise: 6, bounds: 2...95),
        recipe("fdi_per_capita", "Inward FDI stock per capita", "Накопленные прямые иностранные инвестиции на душу населения",
               "openness", log: true, unit: "demo units", 6.0, dev: 0.5, [.openness: 0.7, .urban: 0.3], noise: 0.5, exponential: true,
               bounds: 10...200_000, decimals: 0),
        recipe("institutional_quality", "Quality of government index", "Индекс качества государственного управления",
               "institutions", unit: "0–100", 50, dev: 9, [.institutions: 9], noise: 4, bounds: 5...95),
        recipe("e_government_use", "Residents using e-government services", "Доля жителей, пользующихся электронными госуслугами",
               "institutions", unit: "%", 55, dev: 8, [.institutions: 7, .urban: 5], noise: 5, bounds: 8...98),
        recipe("grp_per_capita", "GRP per capita", "ВРП на душу населения", "economy", structural: false,
               unit: "demo units", 9.6, dev: 0.45, [.urban: 0.3, .education: 0.25, .technology: 0.2, .mining: 0.35], noise: 0.15,
               exponential: true, bounds: 1_000...500_000, decimals: -1),
        recipe("labour_productivity", "GRP per employed person", "ВРП на одного занятого", "economy", structural: false,
               unit: "demo units", 10.5, dev: 0.4, [.urban: 0.2, .technology: 0.3, .mining: 0.4, .industry: 0.1], noise: 0.15,
               exponential: true, bounds: 2_000...900_000, decimals: -1),
        recipe("unemployment_rate", "Unemployment rate", "Уровень безработицы", "labour-market", structural: false, lower: true,
               unit: "%", 7, dev: -1.2, [.urban: -1.2, .education: -1.0], noise: 1.5, bounds: 1.5...30),
        recipe("employment_rate", "Employment rate 20–64", "Уровень занятости населения 20–64 лет", "labour-market",
               structural: false, unit: "%", 68, dev: 3, [.urban: 2.5, .education: 2.5], noise: 3, bounds: 40...86),
        recipe("innovative_firms_share", "Firms with innovation activity", "Доля организаций, осуществлявших инновационную деятельность",
               "innovation", structural: false, unit: "%", 18, dev: 4, [.technology: 5, .education: 2.5], noise: 3, bounds: 2...60),
        recipe("high_tech_export_share", "High-technology share of exports", "Доля высокотехнологичной продукции в экспорте",
               "innovation", structural: false, unit: "%", 8, dev: 1.5, [.technology: 5, .industry: 2.5], noise: 3, bounds: 0.5...55),
        recipe("lifelong_learning", "Adults in education and training", "Доля взрослых, участвующих в обучении", "human-capital",
               structural: false, unit: "%", 8, dev: 2.5, [.education: 2.5, .urban: 1], noise: 2, bounds: 0.5...35),
    ]

    /// An activity: code, labels, capability group and complexity (0 simple … 1 complex).
    struct ActivityRecipe {
        let code: String, label: String, labelRu: String, group: String, complexity: Double
        /// A local activity (follows the population; Methodology/traded-local.md).
        var local = false
    }

    /// Capability groups: labels and the traits that make a region good at them.
    static let groups: [(code: String, label: String, labelRu: String, weights: [Trait: Double])] = [
        ("AGR", "Agri-food", "Агропромышленный комплекс", [.agriculture: 1.0, .urban: -0.4]),
        ("MIN", "Mining and metals", "Добыча и металлургия", [.mining: 1.0, .industry: 0.3]),
        ("MAC", "Machinery and vehicles", "Машиностроение", [.industry: 1.0, .technology: 0.3]),
        ("CHE", "Chemicals and materials", "Химия и материалы", [.industry: 0.6, .technology: 0.4, .mining: 0.2]),
        ("ICT", "Digital economy", "Цифровая экономика", [.technology: 0.8, .urban: 0.6, .education: 0.3]),
        ("CRE", "Tourism and creative industries", "Туризм и креативные индустрии", [.amenity: 1.0, .urban: 0.2]),
        ("KIB", "Knowledge-intensive services", "Наукоёмкие услуги", [.urban: 0.8, .education: 0.5, .institutions: 0.2]),
        ("ENE", "Energy and logistics", "Энергетика и логистика", [.mining: 0.3, .urban: 0.2, .openness: 0.3]),
    ]

    static let activities: [ActivityRecipe] = [
        ActivityRecipe(code: "AGR01", label: "Crop farming", labelRu: "Растениеводство", group: "AGR", complexity: 0.05),
        ActivityRecipe(code: "AGR02", label: "Livestock farming", labelRu: "Животноводство", group: "AGR", complexity: 0.10),
        ActivityRecipe(code: "AGR03", label: "Fishing and aquaculture", labelRu: "Рыболовство и аквакультура", group: "AGR", complexity: 0.10),
        ActivityRecipe(code: "AGR04", label: "Food processing", labelRu: "Производство пищевых продуктов", group: "AGR", complexity: 0.30),
        ActivityRecipe(code: "AGR05", label: "Beverages", labelRu: "Производство напитков", group: "AGR", complexity: 0.35),
        ActivityRecipe(code: "AGR06", label: "Forestry and wood products", labelRu: "Лесное хозяйство и деревообработка", group: "AGR", complexity: 0.20),
        ActivityRecipe(code: "MIN01", label: "Coal mining", labelRu: "Добыча угля", group: "MIN", complexity: 0.05),
        ActivityRecipe(code: "MIN02", label: "Oil and gas extraction", labelRu: "Добыча нефти и газа", group: "MIN", complexity: 0.20),
        ActivityRecipe(code: "MIN03", label: "Metal ore mining", labelRu: "Добыча металлических руд", group: "MIN", complexity: 0.10),
        ActivityRecipe(code: "MIN04", label: "Basic metals", labelRu: "Металлургическое производство", group: "MIN", complexity: 0.40),
        ActivityRecipe(code: "MIN05", label: "Fabricated metal products", labelRu: "Производство готовых металлических изделий", group: "MIN", complexity: 0.45),
        ActivityRecipe(code: "MIN06", label: "Non-metallic mineral products", labelRu: "Производство неметаллической минеральной продукции", group: "MIN", complexity: 0.30),
        ActivityRecipe(code: "MAC01", label: "General-purpose machinery", labelRu: "Производство машин и оборудования", group: "MAC", complexity: 0.70),
        ActivityRecipe(code: "MAC02", label: "Motor vehicles", labelRu: "Производство автотранспортных средств", group: "MAC", complexity: 0.75),
        ActivityRecipe(code: "MAC03", label: "Aerospace and rail equipment", labelRu: "Авиакосмическое и железнодорожное машиностроение", group: "MAC", complexity: 0.90),
        ActivityRecipe(code: "MAC04", label: "Electrical equipment", labelRu: "Производство электрического оборудования", group: "MAC", complexity: 0.70),
        ActivityRecipe(code: "MAC05", label: "Precision instruments", labelRu: "Производство точных приборов", group: "MAC", complexity: 0.85),
        ActivityRecipe(code: "MAC06", label: "Repair and installation of machinery", labelRu: "Ремонт и монтаж машин и оборудования", group: "MAC", complexity: 0.40),
        ActivityRecipe(code: "CHE01", label: "Basic chemicals", labelRu: "Производство основных химических веществ", group: "CHE", complexity: 0.60),
        ActivityRecipe(code: "CHE02", label: "Pharmaceuticals", labelRu: "Производство лекарственных средств", group: "CHE", complexity: 0.90),
        ActivityRecipe(code: "CHE03", label: "Plastics and rubber", labelRu: "Производство резиновых и пластмассовых изделий", group: "CHE", complexity: 0.50),
        ActivityRecipe(code: "CHE04", label: "Petroleum refining", labelRu: "Производство нефтепродуктов", group: "CHE", complexity: 0.45),
        ActivityRecipe(code: "CHE05", label: "Paper and printing", labelRu: "Производство бумаги и полиграфия", group: "CHE", complexity: 0.35),
        ActivityRecipe(code: "CHE06", label: "Advanced materials", labelRu: "Производство новых материалов", group: "CHE", complexity: 0.95),
        ActivityRecipe(code: "ICT01", label: "Computer programming", labelRu: "Разработка программного обеспечения", group: "ICT", complexity: 0.85),
        ActivityRecipe(code: "ICT02", label: "Telecommunications", labelRu: "Телекоммуникации", group: "ICT", complexity: 0.55),
        ActivityRecipe(code: "ICT03", label: "Computers and electronics", labelRu: "Производство компьютеров и электроники", group: "ICT", complexity: 0.95),
        ActivityRecipe(code: "ICT04", label: "Data processing and hosting", labelRu: "Обработка данных и хостинг", group: "ICT", complexity: 0.80),
        ActivityRecipe(code: "ICT05", label: "Software publishing", labelRu: "Издание программного обеспечения", group: "ICT", complexity: 0.90),
        ActivityRecipe(code: "ICT06", label: "IT services and consulting", labelRu: "Информационные технологии и консалтинг", group: "ICT", complexity: 0.70),
        ActivityRecipe(code: "CRE01", label: "Accommodation", labelRu: "Гостиничный бизнес", group: "CRE", complexity: 0.15),
        ActivityRecipe(code: "CRE02", label: "Food and beverage service", labelRu: "Общественное питание", group: "CRE", complexity: 0.10, local: true),
        ActivityRecipe(code: "CRE03", label: "Arts and entertainment", labelRu: "Искусство и развлечения", group: "CRE", complexity: 0.40),
        ActivityRecipe(code: "CRE04", label: "Film, video and broadcasting", labelRu: "Кино, видео и телевещание", group: "CRE", complexity: 0.65),
        ActivityRecipe(code: "CRE05", label: "Sports and recreation", labelRu: "Спорт и отдых", group: "CRE", complexity: 0.20, local: true),
        ActivityRecipe(code: "CRE06", label: "Travel agencies and tour operators", labelRu: "Туристические агентства и туроператоры", group: "CRE", complexity: 0.30),
        ActivityRecipe(code: "KIB01", label: "Financial services", labelRu: "Финансовые услуги", group: "KIB", complexity: 0.75),
        ActivityRecipe(code: "KIB02", label: "Insurance", labelRu: "Страхование", group: "KIB", complexity: 0.65),
        ActivityRecipe(code: "KIB03", label: "Legal and accounting", labelRu: "Юридические и бухгалтерские услуги", group: "KIB", complexity: 0.55),
        ActivityRecipe(code: "KIB04", label: "Engineering and architecture", labelRu: "Инжиниринг и архитектура", group: "KIB", complexity: 0.75),
        ActivityRecipe(code: "KIB05", label: "Scientific research and development", labelRu: "Научные исследования и разработки", group: "KIB", complexity: 1.00),
        ActivityRecipe(code: "KIB06", label: "Advertising and market research", labelRu: "Реклама и исследование рынка", group: "KIB", complexity: 0.60),
        ActivityRecipe(code: "ENE01", label: "Electricity generation", labelRu: "Производство электроэнергии", group: "ENE", complexity: 0.45),
        ActivityRecipe(code: "ENE02", label: "Gas supply", labelRu: "Газоснабжение", group: "ENE", complexity: 0.30, local: true),
        ActivityRecipe(code: "ENE03", label: "Water supply and waste", labelRu: "Водоснабжение и утилизация отходов", group: "ENE", complexity: 0.15, local: true),
        ActivityRecipe(code: "ENE04", label: "Land transport", labelRu: "Сухопутный транспорт", group: "ENE", complexity: 0.20, local: true),
        ActivityRecipe(code: "ENE05", label: "Warehousing and logistics", labelRu: "Складское хозяйство и логистика", group: "ENE", complexity: 0.35),
        ActivityRecipe(code: "ENE06", label: "Air transport", labelRu: "Воздушный транспорт", group: "ENE", complexity: 0.60),
    ]
}
