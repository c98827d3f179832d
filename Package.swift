// swift-tools-version:6.0
// aelab: a terminal workbench for autoencoder experiments.
// Dependencies run one way: aelab -> CursesTerminal -> Workbench -> Pictures -> AutoencoderKit
// -> Formats. AutoencoderKit is the autoencoder (models, layers, losses, penalties, optimizers,
// training, data); Formats holds the file formats that are not about autoencoders (JSON, TOML,
// safetensors, gzip/zip, atomic files, TensorBoard records); Pictures draws charts and images
// to PNG for export.
import PackageDescription

let package = Package(
    name: "aelab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "aelab", targets: ["aelab"]),
        .library(name: "AutoencoderKit", targets: ["AutoencoderKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CNcurses", path: "Sources/CNcurses",
            providers: [.apt(["libncurses-dev"])]),
        .target(name: "CTermGuard", path: "Sources/CTermGuard"),
        .target(name: "CCPUTarget", path: "Sources/CCPUTarget"),
        .target(name: "CVectorMath", path: "Sources/CVectorMath"),
        .target(
            name: "Formats", path: "Sources/Formats"),
        .target(
            name: "AutoencoderKit", dependencies: ["CBLAS", "CZlib", "CVectorMath", "Formats"],
            path: "Sources/AutoencoderKit"),
        .target(
            name: "Pictures", dependencies: ["AutoencoderKit", "Formats", "CZlib"], path: "Sources/Pictures"),
        .target(
            name: "Workbench", dependencies: ["AutoencoderKit", "Formats", "Pictures"], path: "Sources/Workbench"),
        .target(
            name: "CursesTerminal", dependencies: ["Workbench", "CNcurses", "CTermGuard"],
            path: "Sources/CursesTerminal"),
        .executableTarget(
            name: "aelab",
            dependencies: [
                "AutoencoderKit", "Formats", "Pictures", "Workbench", "CursesTerminal", "CTermGuard", "CCPUTarget",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/aelab"),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "AutoencoderKitTests",
            dependencies: ["AutoencoderKit", "Formats", "Pictures", "CBLAS", "CZlib", "TestSupport"],
            path: "Tests/AutoencoderKitTests"),
        .testTarget(
            name: "WorkbenchTests", dependencies: ["Workbench", "AutoencoderKit", "Formats", "Pictures"],
            path: "Tests/WorkbenchTests", resources: [.copy("Snapshots")]),
        .testTarget(
            name: "AelabTests", dependencies: ["aelab", "AutoencoderKit", "Formats", "TestSupport"],
            path: "Tests/AelabTests"),
        .testTarget(
            name: "EndToEndTests", dependencies: ["AutoencoderKit", "Formats", "Pictures", "TestSupport"],
            path: "Tests/EndToEndTests"),
    ],
    swiftLanguageModes: [.v6]
)
