// ResourceFoldersTests: themes and presets are looked for in the override, the user's
// $XDG_CONFIG_HOME/aelab (or ~/.config/aelab), the installed share folder, then the checkout.
import AutoencoderKit
import Foundation
import Testing

@Suite("Resource folders")
struct ResourceFoldersTests {
    let root: TemporaryFolder

    init() throws { root = try TemporaryFolder() }

    func make(_ relative: String) throws -> String {
        let path = root.path + "/" + relative
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("the order is override, user config, installed share folder, then the checkout")
    func searchOrder() throws {
        let override = try make("override")
        let user = try make("config/aelab/themes")
        let installed = try make("prefix/share/aelab/themes")
        _ = try make("prefix/bin")
        let checkout = try make("checkout/themes")
        let found = ResourceFolders.search(
            "themes", override: override, environment: ["XDG_CONFIG_HOME": root.path + "/config", "HOME": "/nowhere"],
            currentFolder: root.path + "/checkout", executable: root.path + "/prefix/bin/aelab")
        #expect(found == [override, user, installed, checkout])
    }

    @Test("without XDG_CONFIG_HOME the user's folder is ~/.config/aelab, and missing folders are skipped")
    func homeConfig() throws {
        let user = try make("home/.config/aelab/presets")
        let found = ResourceFolders.search(
            "samples", kind: "presets", override: nil, environment: ["HOME": root.path + "/home"],
            currentFolder: root.path + "/elsewhere", executable: "/nowhere/bin/aelab")
        #expect(found == [user])
        #expect(
            ResourceFolders.userConfigFolder(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"])
                == "/h/.config/aelab")
    }

    @Test("a preset in the user's folder is found before the checkout's of the same name")
    func userPresetWins() throws {
        let user = try make("config/aelab/presets")
        let checkout = try make("checkout/samples")
        try "x".write(toFile: user + "/vanilla.toml", atomically: true, encoding: .utf8)
        try "y".write(toFile: checkout + "/vanilla.toml", atomically: true, encoding: .utf8)
        try "z".write(toFile: checkout + "/other.toml", atomically: true, encoding: .utf8)
        let library = PresetLibrary(
            environment: ["XDG_CONFIG_HOME": root.path + "/config"], currentFolder: root.path + "/checkout",
            executable: "/nowhere/aelab")
        #expect(library.folders == [user, checkout])
        #expect(library.path(for: "vanilla") == user + "/vanilla.toml")
        #expect(library.path(for: "other") == checkout + "/other.toml")
    }
}
