import ArgumentParser

/// The screens' everyday starts, `pit`, `pit home` and `pit open FILE` with nothing else,
/// run with every option at its default and no parse at all: swift-argument-parser
/// reflects a command's options to parse even these (2 ms of the 10 to `pit open`'s first
/// frame). Anything else, an option, help or one argument too many, is nil and takes the
/// full parse, so messages and usage stay swift-argument-parser's.
enum QuickStart: Equatable {
    case home
    case open(file: String)

    init?(arguments: [String]) {
        guard !arguments.contains(where: { $0.hasPrefix("-") }) else { return nil }
        switch arguments {
        case [], ["home"]: self = .home
        case let words where words.count == 2 && words[0] == "open" && !words[1].isEmpty: self = .open(file: words[1])
        default: return nil
        }
    }

    /// The command a parse would have made, for its usage in an error message.
    var command: ParsableCommand.Type {
        switch self {
        case .home: HomeCommand.self
        case .open: OpenCommand.self
        }
    }

    /// Runs as the command does with its defaults: GlobalOptions' and RoomOptions'.
    func run() throws {
        switch self {
        case .home:
            try HomeCommand.home(settings: FrameworkSettings(), place: RoomPlace())
        case .open(let file):
            try OpenCommand.open(file, settings: FrameworkSettings(), author: nil, place: RoomPlace(), openRoom: false)
        }
    }
}
