import Foundation
import Instruments
import SessionEngine

/// One element as reports name it: its place in the instrument and its title.
public struct ReportElement: Hashable, Sendable {
    public var ref: ElementRef
    /// 1-based position in its instrument; nil when the catalogue does not know the element.
    public var number: Int?
    public var title: String
    /// "Step" for the centre's planning steps, "Element" elsewhere (as the screens say).
    public var noun: String
    /// The instrument's short name ("Tool A").
    public var instrumentShort: String

    public init(ref: ElementRef, number: Int?, title: String, noun: String, instrumentShort: String) {
        self.ref = ref; self.number = number; self.title = title; self.noun = noun; self.instrumentShort = instrumentShort
    }

    /// "Step 2", or the element's id when the catalogue does not know it.
    public var code: String { number.map { "\(noun) \($0)" } ?? ref.element }
    /// "Step 2 Joint needs assessment".
    public var name: String { number == nil ? title : "\(code) \(title)" }
    /// "Tool A Step 2 Joint needs assessment", for places that mix instruments.
    public var qualifiedName: String { "\(instrumentShort) \(name)" }
}

/// One instrument as reports see it, with the elements in its own order.
public struct ReportInstrument: Hashable, Sendable {
    public var id: String
    public var title: String
    public var short: String
    /// Where it sits on the triangle; nil when the catalogue does not know the instrument.
    public var placement: ComponentID?
    public var scale: Scale
    /// False when the session holds data for an instrument the catalogue lacks; its
    /// elements then come from the data, titled by their ids, on the standard scale.
    public var inCatalogue: Bool
    public var elements: [ReportElement]
    /// The documents the instrument draws on (empty when it names none).
    public var sources: [InstrumentSource] = []

    public init(id: String, title: String, short: String, placement: ComponentID?, scale: Scale, inCatalogue: Bool,
                elements: [ReportElement]) {
        self.id = id; self.title = title; self.short = short; self.placement = placement; self.scale = scale
        self.inCatalogue = inCatalogue; self.elements = elements
    }
}

/// Which instruments and elements a report covers, in order: the session's instruments
/// (`state.info.instruments`, in the workshop's order), then any other instrument that holds
/// scores, agreed scores, notes or actions (in catalogue order, then unknown ids by name).
/// Within an instrument, its elements in catalogue order, then any element the catalogue
/// does not know that holds data.
public struct ReportScope: Hashable, Sendable {
    public var instruments: [ReportInstrument]

    public init(instruments: [ReportInstrument]) { self.instruments = instruments }

    /// - Parameter instruments: ids to cover, in this order; nil for the default described above.
    public static func make(state: SessionState, catalogue: Catalogue, instruments ids: [String]? = nil) -> ReportScope {
        let withData = state.elementsWithData
        var order: [String]
        if let ids {
            order = []
            for id in ids where !order.contains(id) { order.append(id) }
        } else {
            order = []
            for id in state.info.instruments where !order.contains(id) { order.append(id) }
            let extra = Set(withData.map(\.instrument)).subtracting(order)
            let known = catalogue.instruments.map(\.id).filter { extra.contains($0) }
            order += known + extra.subtracting(known).sorted()
        }
        var out: [ReportInstrument] = []
        for id in order {
            let dataRefs = withData.filter { $0.instrument == id }
            if let inst = catalogue.instrument(id) {
                let noun = inst.placement == .centre ? "Step" : "Element"
                var elements = inst.elements.map {
                    ReportElement(ref: ElementRef(instrument: id, element: $0.id), number: $0.number, title: $0.title,
                                  noun: noun, instrumentShort: inst.short)
                }
                for r in dataRefs where inst.element(r.element) == nil {
                    elements.append(ReportElement(ref: r, number: nil, title: r.element, noun: noun, instrumentShort: inst.short))
                }
                var reported = ReportInstrument(id: id, title: inst.title, short: inst.short, placement: inst.placement,
                                                scale: inst.scale, inCatalogue: true, elements: elements)
                reported.sources = inst.sources
                out.append(reported)
            } else {
                let elements = dataRefs.map {
                    ReportElement(ref: $0, number: nil, title: $0.element, noun: "Element", instrumentShort: id)
                }
                out.append(ReportInstrument(id: id, title: id, short: id, placement: nil, scale: .standard,
                                            inCatalogue: false, elements: elements))
            }
        }
        return ReportScope(instruments: out)
    }

    /// Every element, instrument by instrument.
    public var elements: [ReportElement] { instruments.flatMap(\.elements) }

    public func instrument(_ id: String) -> ReportInstrument? { instruments.first { $0.id == id } }

    public func element(_ ref: ElementRef) -> ReportElement? {
        instrument(ref.instrument)?.elements.first { $0.ref == ref }
    }

    /// More than one instrument: element names need the instrument's short name.
    public var isMixed: Bool { instruments.count > 1 }

    /// How to name an element in running text: qualified when instruments are mixed.
    public func displayName(_ e: ReportElement) -> String { isMixed ? e.qualifiedName : e.name }
}

/// Settings shared by every renderer.
public struct ReportOptions: Sendable {
    /// The zone every time is shown in; each export states it.
    public var timeZone: TimeZone
    /// Range (in levels) at or above which an element is flagged divergent.
    public var divergenceThreshold: Int
    /// Instrument ids to cover (nil: the session's instruments plus any with data).
    public var instruments: [String]?
    /// Shown as "generated at" when set (left out by default, so exports are reproducible).
    public var generatedAt: Date?

    public init(timeZone: TimeZone = .current, divergenceThreshold: Int = 2, instruments: [String]? = nil,
                generatedAt: Date? = nil) {
        self.timeZone = timeZone; self.divergenceThreshold = divergenceThreshold
        self.instruments = instruments; self.generatedAt = generatedAt
    }
}

// MARK: - Shared wording

enum Words {
    static let notApplicableShort = "N/A"
    static let notApplicableLong = "Not applicable"
    static let dontKnowShort = "DK"
    static let dontKnowLong = "Don't know (evidence gap)"

    /// "3", "3.5".
    static func number(_ d: Double) -> String { Formatting.number(d) }

    static func number(_ d: Double?) -> String { d.map { number($0) } ?? "–" }

    /// "2–5", "3", or "–".
    static func range(_ lo: Double?, _ hi: Double?) -> String {
        guard let lo, let hi else { return "–" }
        return lo == hi ? number(lo) : "\(number(lo))–\(number(hi))"
    }

    static func range(_ lo: Int?, _ hi: Int?) -> String { range(lo.map(Double.init), hi.map(Double.init)) }

    /// Signed change: "+1", "−0.5", "0".
    static func change(_ d: Double?) -> String {
        guard let d else { return "–" }
        if d == 0 { return "0" }
        return (d > 0 ? "+" : "−") + number(abs(d))
    }

    /// "3 Developing" / "N/A".
    static func answer(_ a: Answer?, scale: Scale, long: Bool = false) -> String {
        switch a {
        case .level(let l)?: return "\(l) \(scale.label(for: l))"
        case .notApplicable?: return long ? notApplicableLong : notApplicableShort
        case .dontKnow?: return long ? dontKnowLong : dontKnowShort
        case nil: return "–"
        }
    }

    static func answerNumber(_ a: Answer?) -> String {
        switch a {
        case .level(let l)?: return String(l)
        case .notApplicable?: return notApplicableShort
        case .dontKnow?: return dontKnowShort
        case nil: return "–"
        }
    }
}
