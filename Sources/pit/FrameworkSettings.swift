import ArgumentParser
import Foundation
import Instruments
import SessionEngine
import TerminalKit
import Workshop

/// What `GlobalOptions` sets, as plain values: made by the parse, or as the defaults when
/// pit starts without one (`QuickStart`).
struct FrameworkSettings: Equatable {
    var theme: String?
    var instrumentDirs: [String] = []
    var noBell = false

    /// Loads the framework: shipped instruments plus the user's; broken user files are
    /// reported on stderr and skipped.
    func loadCatalogue(quiet: Bool = false) throws -> Catalogue {
        try ready(try openCatalogue(quiet: quiet))
    }

    /// The catalogue with its problems reported. Its content is read with them, in one read
    /// of the cache, unless `contentWhenNeeded`: then it is left in the cache's bytes until
    /// `ready` (parsed now when there is no fresh cache either way).
    func openCatalogue(quiet: Bool = false, contentWhenNeeded: Bool = false) throws -> DeferredCatalogue {
        guard let shipped = Resources.directory("Assessments") else {
            complain("cannot find pit's Assessments folder; set PIT_HOME to the folder that holds Assessments/ and Themes/")
            throw ExitCode.config
        }
        let extra = [Resources.userInstruments] + instrumentDirs.map { URL(fileURLWithPath: $0) }
        for path in instrumentDirs {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                complain("\(path): no such folder (given with --instrument-dir)")
                throw ExitCode.noInput
            }
            // A file here would otherwise be listed as an empty folder, and silently ignored.
            guard isFolder.boolValue else {
                complain("\(path) is a file, not a folder; give its folder with --instrument-dir, "
                         + "or copy it into \(Resources.userInstruments.path), which pit always reads")
                throw ExitCode.usage
            }
        }
        do {
            let catalogue = try CatalogueCache.loadDeferred(shipped: shipped, extra: extra,
                                                            directory: Resources.cacheDirectory, build: Resources.buildIdentity,
                                                            firstRead: contentWhenNeeded ? CatalogueCache.frontBytes : nil)
            if !quiet {
                for problem in catalogue.problems {
                    complain("\(problem) (skipped)")
                }
            }
            return catalogue
        } catch let error as DiagnosticList {
            complain(error.description)
            throw ExitStatus.code(for: error)
        }
    }

    /// The whole catalogue; a failure is reported and becomes pit's exit code.
    func ready(_ deferred: DeferredCatalogue) throws -> Catalogue {
        do {
            return try deferred.catalogue()
        } catch let error as DiagnosticList {
            complain(error.description)
            throw ExitStatus.code(for: error)
        }
    }

    /// The theme the screens start with, read alone when its file is `NAME.yaml` (the
    /// shipped themes are), and parsed once into the cache (ThemeCache), so the first frame
    /// waits for one small file; the others are read when the theme key is first pressed. Anything unusual takes the path that reads
    /// and checks them all.
    func makeContext(catalogue: @escaping () -> Catalogue) throws -> WorkshopContext {
        let name = theme ?? "default"
        if let directory = Resources.directory("Themes"),
           let first = try? ThemeCache.load(file: directory.appendingPathComponent("\(name).yaml"),
                                            directory: Resources.cacheDirectory, build: Resources.buildIdentity),
           first.name == name {
            return WorkshopContext(catalogue: catalogue, theme: first,
                                   otherThemes: { ThemeFolders.load(shipped: directory, own: Resources.userThemes).themes })
        }
        return WorkshopContext(catalogue: catalogue(), themes: try loadThemes(), themeName: theme)
    }

    func loadThemes() throws -> [Theme] { try loadThemesNotingSkipped().themes }

    /// The themes, and whether a broken file was skipped (each is named on standard error).
    func loadThemesNotingSkipped() throws -> (themes: [Theme], skippedAny: Bool) {
        let (themes, errors) = ThemeFolders.load(shipped: Resources.directory("Themes"), own: Resources.userThemes)
        for error in errors { complain("\(error) (theme skipped)") }
        if let theme, !themes.contains(where: { $0.name == theme }) {
            complain("unknown theme `\(theme)`; available: \(themes.map(\.name).joined(separator: ", "))")
            throw ExitCode.usage
        }
        return (themes.isEmpty ? [Theme.plain] : themes, !errors.isEmpty)
    }
}
