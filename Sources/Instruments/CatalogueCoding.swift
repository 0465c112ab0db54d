import DiskCache

/// The catalogue as compact bytes for `CatalogueCache` (`ByteWriter`'s layout).
/// `CatalogueCacheTests` holds a round trip equal to the parse, so a field added to a type
/// and forgotten here fails a test.
extension ByteReader {
    mutating func component() throws -> ComponentID {
        guard let id = ComponentID(rawValue: try string()) else { throw Malformed() }
        return id
    }
}

extension ByteWriter {
    /// The problems first: a start reads them at once and the rest when it is first needed
    /// (`DeferredCatalogue`).
    mutating func catalogue(_ c: Catalogue) {
        array(c.problems) { $0.diagnostic($1) }
        content(of: c)
    }

    mutating func content(of c: Catalogue) {
        triangle(c.triangle)
        array(c.instruments) { $0.instrument($1) }
        briefing(c.briefing)
    }

    mutating func triangle(_ t: Triangle) {
        array(t.components) { w, c in
            w.string(c.id.rawValue); w.string(c.name); w.string(c.short); w.string(c.role)
            w.strings(c.between.map(\.rawValue)); w.string(c.summary); w.strings(c.instruments)
            w.array(c.sections) { w, s in w.string(s.title); w.string(s.intro); w.strings(s.items) }
        }
    }

    mutating func instrument(_ i: Instrument) {
        string(i.id); int(i.version); string(i.title); string(i.short); string(i.placement.rawValue)
        string(i.summary)
        array(i.scale.levels) { w, l in w.int(l.value); w.string(l.label); w.string(l.meaning) }
        bool(i.scale.allowsNotApplicable)
        array(i.sections) { w, s in w.string(s.id); w.string(s.title) }
        array(i.elements) { w, e in
            w.string(e.id); w.int(e.number); w.string(e.title); w.optional(e.section); w.string(e.focus); w.string(e.good)
            w.array(e.levels.sorted { $0.key < $1.key }) { w, level in w.int(level.key); w.string(level.value) }
            w.strings(e.questions); w.strings(e.links)
            w.bool(e.guidance != nil)
            if let g = e.guidance { w.guidance(g) }
        }
        string(i.source)
        strings(i.room)
        array(i.sources) { $0.source($1) }
    }

    mutating func guidance(_ g: ElementGuidance) {
        int(g.minutes); strings(g.probes); strings(g.evidence); strings(g.levelDifferences); strings(g.pitfalls)
        array(g.overlaps) { w, o in w.string(o.see); w.string(o.note); w.int(o.line); w.int(o.column) }
        array(g.prompts) { w, p in w.string(p.text); w.string(p.source) }
    }

    mutating func source(_ s: InstrumentSource) {
        string(s.id); string(s.title); string(s.by); string(s.year); string(s.use)
    }

    mutating func briefing(_ b: Briefing?) {
        bool(b != nil)
        guard let b else { return }
        string(b.title)
        array(b.sections) { w, s in w.string(s.title); w.strings(s.paragraphs); w.strings(s.points); w.strings(s.sources) }
        array(b.glossary) { w, t in w.string(t.term); w.string(t.meaning); w.string(t.source) }
        array(b.sources) { $0.source($1) }
    }

    mutating func diagnostic(_ d: Diagnostic) {
        string(d.file); int(d.line); int(d.column); string(d.message)
    }
}

extension ByteReader {
    mutating func catalogue() throws -> Catalogue {
        try content(problems: try problems())
    }

    mutating func problems() throws -> [Diagnostic] {
        try array { try $0.diagnostic() }
    }

    mutating func content(problems: [Diagnostic]) throws -> Catalogue {
        let triangle = try triangle()
        let instruments = try array { try $0.instrument() }
        return Catalogue(triangle: triangle, instruments: instruments, problems: problems, briefing: try briefing())
    }

    mutating func triangle() throws -> Triangle {
        Triangle(components: try array { r in
            let id = try r.component(), name = try r.string(), short = try r.string(), role = try r.string()
            let between = try r.array { try $0.component() }
            let summary = try r.string(), instruments = try r.strings()
            let sections = try r.array { r in ContentSection(title: try r.string(), intro: try r.string(), items: try r.strings()) }
            return Component(id: id, name: name, short: short, role: role, between: between, summary: summary,
                             instruments: instruments, sections: sections)
        })
    }

    mutating func instrument() throws -> Instrument {
        let id = try string(), version = try int(), title = try string(), short = try string()
        let placement = try component(), summary = try string()
        let levels = try array { r in ScaleLevel(value: try r.int(), label: try r.string(), meaning: try r.string()) }
        let scale = Scale(levels: levels, allowsNotApplicable: try bool())
        let sections = try array { r in ElementSection(id: try r.string(), title: try r.string()) }
        let elements = try array { r in
            let id = try r.string(), number = try r.int(), title = try r.string(), section = try r.optional()
            let focus = try r.string(), good = try r.string()
            let pairs = try r.array { r in (try r.int(), try r.string()) }
            let questions = try r.strings(), links = try r.strings()
            let guidance = try r.bool() ? try r.guidance() : nil
            return Element(id: id, number: number, title: title, section: section, focus: focus, good: good,
                           levels: Dictionary(pairs, uniquingKeysWith: { a, _ in a }), questions: questions, links: links,
                           guidance: guidance)
        }
        var instrument = Instrument(id: id, version: version, title: title, short: short, placement: placement, summary: summary,
                                    scale: scale, sections: sections, elements: elements, source: try string())
        instrument.room = try strings()
        instrument.sources = try array { try $0.source() }
        return instrument
    }

    mutating func guidance() throws -> ElementGuidance {
        ElementGuidance(minutes: try int(), probes: try strings(), evidence: try strings(), levelDifferences: try strings(),
                        pitfalls: try strings(), overlaps: try array { r in Overlap(see: try r.string(), note: try r.string(), line: try r.int(), column: try r.int()) },
                        prompts: try array { r in SourcedPrompt(text: try r.string(), source: try r.string()) })
    }

    mutating func source() throws -> InstrumentSource {
        InstrumentSource(id: try string(), title: try string(), by: try string(), year: try string(), use: try string())
    }

    mutating func briefing() throws -> Briefing? {
        guard try bool() else { return nil }
        return Briefing(title: try string(),
                        sections: try array { r in
                            Briefing.Section(title: try r.string(), paragraphs: try r.strings(), points: try r.strings(),
                                             sources: try r.strings())
                        },
                        glossary: try array { r in Briefing.Term(term: try r.string(), meaning: try r.string(), source: try r.string()) },
                        sources: try array { try $0.source() })
    }

    mutating func diagnostic() throws -> Diagnostic {
        Diagnostic(file: try string(), line: try int(), column: try int(), message: try string())
    }
}
