// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "clusterxchange",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "clusterxchange", targets: ["clusterxchange"]),
        .library(name: "ProgrammeRules", targets: ["ProgrammeRules"]),
        .library(name: "Matching", targets: ["Matching"]),
        .library(name: "Images", targets: ["Images"]),
        .executable(name: "clusterxchange-bench", targets: ["MatchingBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/vapor/async-kit.git", from: "1.22.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
    ],
    targets: [
        // The programme's rules: pure Swift, no Vapor, no database.
        .target(
            name: "ProgrammeRules",
            resources: [.copy("Resources/holidays.tsv"), .copy("Resources/cities.tsv")]
        ),
        // The matching engine: text index, scoring, optimiser. Pure Swift, no Vapor.
        .target(name: "Matching", dependencies: ["ProgrammeRules"]),
        // libgd (Debian's libgd-dev, installed by scripts/setup and scripts/run), for pictures.
        .target(name: "CGD", linkerSettings: [.linkedLibrary("gd")]),
        // Pictures people upload: checked by their header, resized and written anew. No Vapor.
        .target(name: "Images", dependencies: ["CGD"]),
        // The web layer.
        .target(
            name: "App",
            dependencies: [
                "ProgrammeRules",
                "Matching",
                "Images",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Resources/country-outlines.tsv")]
        ),
        .executableTarget(
            name: "clusterxchange",
            dependencies: ["App"]
        ),
        // The matching engine's benchmarks (Benchmarks/run builds them in release).
        .executableTarget(
            name: "MatchingBenchmarks",
            dependencies: ["Matching", "ProgrammeRules"],
            path: "Benchmarks/MatchingBenchmarks"
        ),
        .testTarget(
            name: "ProgrammeRulesTests",
            dependencies: [
                "ProgrammeRules",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "MatchingTests",
            dependencies: [
                "Matching",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "ImagesTests", dependencies: ["Images", "CGD"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                "CGD",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
