// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "CoopReport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "coopreport", targets: ["coopreport"]),
        .library(name: "CoopReport", targets: ["CoopReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libxlsxwriter from Debian (libxlsxwriter-dev 1.1.4), found by pkg-config.
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // The deflate level of libxlsxwriter's archives (Sources/CZipLevel/zip_level.c).
        .target(name: "CZipLevel"),
        // The only importer of CXlsxWriter: turns every lxw_error into a thrown Swift error.
        .target(name: "XlsxWriter", dependencies: ["CXlsxWriter", "CZipLevel"]),
        // Every rule about the data: ingest → validate → model → metrics → render.
        .target(
            name: "CoopReport",
            dependencies: [
                "XlsxWriter",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Reads .xlsx inputs (a zip archive); also the tests' way to read workbooks back.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Thin CLI: argument parsing, printing, exit codes.
        .executableTarget(
            name: "coopreport",
            dependencies: [
                "CoopReport",
                "XlsxWriter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "CoopReportTests",
            dependencies: [
                "CoopReport",
                "XlsxWriter",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
    ]
)
