// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "pit",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "pit", targets: ["pit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),
        .target(name: "DiskCache"),
        .target(name: "ProcessEnd"),
        .target(name: "Escaping"),
        .target(
            name: "YAMLDocument",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Instruments",
            dependencies: ["YAMLDocument", "DiskCache", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "SessionEngine",
            dependencies: ["ProcessEnd", .product(name: "GRDB", package: "GRDB.swift"),
                           // SQLite's C interface, to read the events' columns straight from the statement.
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(
            name: "Reports",
            dependencies: ["Escaping", "SessionEngine", "Instruments"]
        ),
        .target(
            name: "TerminalKit",
            dependencies: ["YAMLDocument", "DiskCache", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Workshop",
            dependencies: ["TerminalKit", "Instruments", "SessionEngine", "Reports", "DiskCache"]
        ),
        .target(
            name: "Room",
            dependencies: [
                "Escaping", "SessionEngine", "Instruments", "CQRencode",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            ],
            resources: [.copy("Site")]
        ),
        .target(
            name: "CursesBackend",
            dependencies: ["TerminalKit", "ProcessEnd", "CNcursesw"]
        ),
        .executableTarget(
            name: "pit",
            dependencies: [
                "Workshop", "CursesBackend", "Instruments", "SessionEngine", "Reports", "TerminalKit", "Room", "DiskCache", "Escaping",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "pit-bench",
            dependencies: ["Workshop", "Instruments", "SessionEngine", "Reports", "TerminalKit"],
            path: "Benchmarks/PitBench"
        ),
        .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend"]),
        .testTarget(name: "DiskCacheTests", dependencies: ["DiskCache"]),
        .testTarget(name: "ProcessEndTests", dependencies: ["ProcessEnd"]),
        .testTarget(name: "InstrumentsTests", dependencies: ["Instruments"], exclude: ["Fixtures"]),
        .testTarget(name: "SessionEngineTests", dependencies: ["SessionEngine"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Escaping", "SessionEngine", "Instruments",
                                                        .product(name: "CSV", package: "CSV.swift")], exclude: ["Golden"]),
        .testTarget(name: "RoomTests", dependencies: ["Room", "Escaping", "SessionEngine", "Instruments"]),
        .testTarget(name: "PitTests", dependencies: ["pit", "SessionEngine", "TerminalKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit", "DiskCache"]),
        .testTarget(name: "WorkshopTests", dependencies: ["Workshop", "TerminalKit", "Instruments", "SessionEngine", "Reports"],
                    exclude: ["Snapshots"]),
    ],
    swiftLanguageModes: [.v6]
)
