import YAMLDocument

/// A problem in an instrument file, as file:line:column and a message; the type lives
/// with the YAML walk (`YAMLDocument`), which themes share.
public typealias Diagnostic = YAMLDocument.Diagnostic
/// Several problems in one file.
public typealias DiagnosticList = YAMLDocument.DiagnosticList
