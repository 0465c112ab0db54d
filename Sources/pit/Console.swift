import ArgumentParser
import Escaping
import DiskCache
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything pit prints outside the screens goes through here: messages and lines of text
/// are passed through `Escape.visible`, so text from a file or an argument cannot steer the
/// terminal, and a failed write to standard output is a clear error with exit 74 instead of
/// a runtime crash.
enum Console {
    /// Standard output was closed when pit started (`pit report s.pit >&-`). Its slot now
    /// holds /dev/null, so no file pit opens can take descriptor 1 and receive output.
    nonisolated(unsafe) private(set) static var outputWasClosed = false

    /// Fills closed standard descriptors with /dev/null before anything opens a file: a
    /// session or report opened as descriptor 1 or 2 would otherwise receive what pit prints.
    static func guardStandardStreams() {
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            if fd == 1 { outputWasClosed = true }
            let null = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != fd {
                dup2(null, fd)
                close(null)
            }
        }
    }

    /// Writes every byte to `fd`, retrying after signals and short writes; the errno of a
    /// failure, or nil.
    static func writeAll(_ data: Data, to fd: Int32) -> Int32? { NewFile.writeAll(data, to: fd) }

    /// Bytes for standard output as they are (a report, already made safe by its renderer).
    /// `hasOutputOption`: the command takes `-o FILE`, so the message may offer it; a
    /// command without one (a list, help) is offered only what it can do.
    static func writeOutput(_ data: Data, hasOutputOption: Bool = false) throws {
        if outputWasClosed {
            complain(closedMessage(hasOutputOption: hasOutputOption))
            throw ExitCode.ioError
        }
        if let error = writeAll(data, to: 1) {
            complain(failedMessage(String(cString: strerror(error)), hasOutputOption: hasOutputOption))
            throw ExitCode.ioError
        }
    }

    /// Why nothing was written to a closed standard output, and what to do.
    static func closedMessage(hasOutputOption: Bool) -> String {
        "standard output is closed, so nothing was written; send it to a file (> FILE)" + (hasOutputOption ? " or give -o FILE" : "")
    }

    /// Why a write to standard output failed (`reason` is strerror's), and what to do.
    static func failedMessage(_ reason: String, hasOutputOption: Bool) -> String {
        "cannot write to standard output (\(reason)); nothing more was written. "
            + (hasOutputOption ? "Give -o FILE or free some space"
                               : "Free some space, or send it to a file on another disk (> FILE)")
    }

    /// A line of a command's output (a list, an instrument), control characters made visible.
    static func say(_ line: String) throws {
        try writeOutput(Data((Escape.visible(line) + "\n").utf8))
    }

    /// A status line for standard output ("Created x.pit."), control characters made
    /// visible. The work it reports is done, so a closed or full output does not fail it.
    static func note(_ line: String) {
        noteAsIs(Escape.visible(line))
    }

    /// `note` for a line pit made itself, escape sequences and all (the QR code's colours).
    static func noteAsIs(_ line: String) {
        if outputWasClosed { return }
        _ = writeAll(Data((line + "\n").utf8), to: 1)
    }

    /// A message for standard error, control characters made visible. A failure to write
    /// to standard error cannot be reported anywhere, so it is ignored.
    static func error(_ text: String) {
        _ = writeAll(Data((Escape.visible(text) + "\n").utf8), to: 2)
    }
}

/// Prints a message to standard error in the form "pit: message".
func complain(_ message: String) {
    Console.error("pit: \(message)")
}
