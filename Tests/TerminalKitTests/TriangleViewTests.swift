import XCTest
@testable import TerminalKit

final class TriangleViewTests: XCTestCase {
    static let labels: [TrianglePart: PartLabel] = [
        .top: PartLabel(long: "CIVIC", short: "Civic", letter: "C", caption: "civic-level", role: .civic, fillRole: .civicFill),
        .bottomLeft: PartLabel(long: "COMMUNITY", short: "Comm.", letter: "Y", caption: "community-centred", role: .community, fillRole: .communityFill),
        .bottomRight: PartLabel(long: "SERVICE", short: "Serv.", letter: "S", caption: "service-based", role: .service, fillRole: .serviceFill),
        .centre: PartLabel(long: "Place-based planning", short: "Planning", letter: "P", role: .centre, fillRole: .centreFill),
        .leftSeam: PartLabel(long: "B Community action", short: "B", letter: "B", role: .accent),
        .rightSeam: PartLabel(long: "D Integration", short: "D", letter: "D", role: .accent),
        .baseSeam: PartLabel(long: "C Engagement", short: "C", letter: "C", role: .accent),
    ]

    func render(_ w: Int, _ h: Int, highlight: TrianglePart? = nil, glyphs: Glyphs = .unicode) -> (Canvas, TriangleView.Anchors) {
        var canvas = Canvas(width: w, height: h, glyphs: glyphs)
        let anchors = TriangleView(labels: Self.labels, highlighted: highlight).draw(in: canvas.bounds, on: &canvas)
        return (canvas, anchors)
    }

    func testTheLowerLabelsNeverRunIntoTheCentre() {
        // At 40x12 the lower labels share the centre's row; "[P:3Ser" was the result.
        var labels = Self.labels
        labels[.centre] = PartLabel(long: "P:3", short: "P:3", letter: "P", role: .centre)
        labels[.bottomLeft] = PartLabel(long: "Com –", short: "Com –", letter: "Y", role: .community)
        labels[.bottomRight] = PartLabel(long: "Ser –", short: "Ser –", letter: "S", role: .service)
        for (w, h) in [(38, 9), (40, 10), (36, 8), (80, 21)] {
            var canvas = Canvas(width: w, height: h)
            _ = TriangleView(labels: labels).draw(in: canvas.bounds, on: &canvas)
            let row = canvas.lines().first { $0.contains("P:3") } ?? ""
            XCTAssertTrue(row.contains("[P:3]") || row.contains("│ P:3 │"), "\(w)x\(h): \(row)")
        }
    }

    func testEveryPartIsLabelledAtCommonSizes() {
        for (w, h) in [(80, 21), (120, 36), (38, 9)] {
            let (canvas, anchors) = render(w, h)
            if ProcessInfo.processInfo.environment["PIT_PRINT"] != nil { print(canvas.plainText) }
            XCTAssertEqual(Set(anchors.keys), Set(TrianglePart.allCases), "\(w)x\(h)")
        }
    }
}
