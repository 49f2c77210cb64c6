// swift-tools-version:6.0
// plotgate: a chart-rendering gateway. One module per pipeline stage (docs/ARCHITECTURE.md):
// PlotSpec (query -> ChartSpec) -> PlotLayout (ChartSpec -> Scene) -> PlotRender (Scene -> bytes).
// C libraries sit behind system-library targets; only PlotRender imports them.
import PackageDescription

let package = Package(
    name: "plotgate",
    products: [
        .executable(name: "plotgate", targets: ["plotgate"]),
    ],
    targets: [
        // C libraries, each behind a module map of its own.
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CFontconfig",
            pkgConfig: "fontconfig",
            providers: [.apt(["libfontconfig-dev"])]
        ),
        // FreeType and cairo-ft.h: the packaged DejaVu files opened by path (no fontconfig
        // configuration to parse at start-up); cairo-ft's pkg-config names both libraries.
        .systemLibrary(
            name: "CFreeType",
            pkgConfig: "cairo-ft",
            providers: [.apt(["libfreetype-dev", "libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CFastCGI",
            providers: [.apt(["libfcgi-dev"])]
        ),
        // The few process-level calls Swift cannot make: async-signal-safe handlers, rlimits.
        .target(name: "CShims"),
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),

        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]
        ),

        // Pure stages: no C, no I/O, no Foundation.
        .target(name: "PlotSpec"),
        .target(name: "PlotLayout", dependencies: ["PlotSpec"]),

        // The only module that touches Cairo, FreeType, fontconfig, libdeflate and libqrencode.
        .target(name: "PlotRender", dependencies: ["PlotLayout", "PlotSpec", "CCairo", "CFreeType", "CFontconfig",
                                                   "CDeflate", "CQRencode"]),

        // HTTP semantics and the FastCGI/CGI adapters; the only module that touches libfcgi.
        .target(name: "PlotGateway", dependencies: ["PlotSpec", "PlotLayout", "PlotRender", "CFastCGI", "CShims"]),

        // The master process: worker pool, recycling, deadlines, signals; the only fork().
        .target(name: "PlotSupervisor", dependencies: ["PlotGateway", "PlotRender", "PlotLayout", "PlotSpec", "CShims"]),

        .executableTarget(name: "plotgate",
                          dependencies: ["PlotSpec", "PlotLayout", "PlotRender", "PlotGateway", "PlotSupervisor"]),

        // Test-only: an independent PNG decoder (libpng's simplified API) so tests never
        // trust our own encoder to read back what it wrote.
        .systemLibrary(
            name: "CPNG",
            path: "Tests/TestSupport/CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        .target(name: "PNGTestSupport", dependencies: ["CPNG"], path: "Tests/TestSupport/PNGTestSupport"),
        .target(name: "SeededRandom", path: "Tests/TestSupport/SeededRandom"),
        // What every decoded spec and every scene must satisfy: shared by the property tests and
        // the fuzz target (scripts/fuzz.sh compiles the same files into it).
        .target(name: "PlotInvariants", dependencies: ["PlotSpec", "PlotLayout"], path: "Tests/TestSupport/PlotInvariants"),
        .testTarget(name: "PlotSpecTests", dependencies: ["PlotSpec", "SeededRandom", "PlotInvariants"]),
        .testTarget(name: "PlotLayoutTests", dependencies: ["PlotLayout", "PlotSpec", "SeededRandom", "PlotInvariants"],
                    exclude: ["Snapshots"]),
        .testTarget(
            name: "PlotRenderTests",
            dependencies: ["PlotRender", "PlotLayout", "PlotSpec", "PNGTestSupport", "CCairo", "SeededRandom"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "PlotGatewayTests", dependencies: ["PlotGateway", "PlotSpec", "PlotRender", "PNGTestSupport"]),
        .testTarget(name: "PlotSupervisorTests", dependencies: ["PlotSupervisor", "PlotGateway"]),
        // Runs the built `plotgate` binary as a separate process (built by `swift build --build-tests`).
        .testTarget(name: "plotgateTests"),
    ],
    swiftLanguageModes: [.v6]
)
