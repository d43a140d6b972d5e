import Foundation

/// One line of a chart: a value (or a gap) per x position, and an optional interval band.
struct ChartSeries {
    var name: String
    var values: [Double?]
    var band: [(low: Double, high: Double)?] = []
}

/// Inline SVG charts: every label passes through `HTML.escape`; colours come from CSS classes
/// (`s0`…`s3`, `q0`…`q5`), so light, dark and print themes restyle them without new markup.
enum ReportCharts {
    private static func n(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A line chart with y gridlines and labels, x labels from `labels`, and gaps where a value is nil.
    static func lineChart(title: String, labels: [String], series: [ChartSeries], yFormat: (Double) -> String,
                          yRange: ClosedRange<Double>? = nil) -> String {
        let width = 640.0, height = 220.0, left = 52.0, right = 22.0, top = 12.0, bottom = 30.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let all = series.flatMap { $0.values.compactMap { $0 } } + series.flatMap { $0.band.compactMap { $0?.high } }
        guard !labels.isEmpty, !all.isEmpty else {
            return HTML.element("p", [("class", "empty")], "No data in this window.")
        }
        let range = yRange ?? 0...niceCeiling(max(all.max() ?? 1, 1e-9))
        let ticks = tickValues(range)
        func x(_ index: Int) -> Double { labels.count == 1 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(labels.count - 1) }
        func y(_ value: Double) -> Double {
            let span = range.upperBound - range.lowerBound
            return top + plotHeight * (1 - (min(max(value, range.lowerBound), range.upperBound) - range.lowerBound) / (span > 0 ? span : 1))
        }
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
        svg += "<title>\(HTML.escape(title))</title>"
        for tick in ticks {
            svg += "<line class=\"grid\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(tick)))\" y2=\"\(n(y(tick)))\"/>"
            svg += "<text class=\"axis\" x=\"\(n(left - 6))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\">\(HTML.escape(yFormat(tick)))</text>"
        }
        svg += "<line class=\"axis-line\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(top + plotHeight))\" y2=\"\(n(top + plotHeight))\"/>"
        for index in labelIndices(labels.count, maximum: 7) {
            let anchor = labels.count > 1 && index == labels.count - 1 ? "end" : index == 0 && labels.count > 1 ? "start" : "middle"
            svg += "<text class=\"axis\" x=\"\(n(x(index)))\" y=\"\(n(height - 10))\" text-anchor=\"\(anchor)\">\(HTML.escape(labels[index]))</text>"
        }
        for (s, line) in series.enumerated() {
            var band: [(Double, Double, Double)] = []
            for (i, interval) in line.band.enumerated() { if let interval { band.append((x(i), y(interval.low), y(interval.high))) } }
            if band.count > 1 {
                let points = band.map { "\(n($0.0)),\(n($0.2))" } + band.reversed().map { "\(n($0.0)),\(n($0.1))" }
                svg += "<polygon class=\"band s\(s % 4)\" points=\"\(points.joined(separator: " "))\"/>"
            }
            for segment in segments(line.values) {
                let points = segment.map { "\(n(x($0))),\(n(y(line.values[$0] ?? 0)))" }.joined(separator: " ")
                svg += segment.count == 1
                    ? "<circle class=\"dot s\(s % 4)\" cx=\"\(n(x(segment[0])))\" cy=\"\(n(y(line.values[segment[0]] ?? 0)))\" r=\"2.5\"/>"
                    : "<polyline class=\"line s\(s % 4)\" points=\"\(points)\"/>"
            }
            if labels.count <= 62 {
                for (i, value) in line.values.enumerated() {
                    guard let value else { continue }
                    svg += "<circle class=\"pt s\(s % 4)\" cx=\"\(n(x(i)))\" cy=\"\(n(y(value)))\" r=\"2\"><title>"
                    svg += HTML.escape("\(labels[i]) · \(line.name): \(yFormat(value))") + "</title></circle>"
                }
            }
        }
        return svg + "</svg>"
    }

    /// Conversations per hour of the week (keys "1 Mon 09"), Monday on top, darker for more.
    static func heatMap(_ counts: [String: Double]) -> String {
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let cell = 24.0, left = 40.0, top = 22.0
        let maximum = counts.values.max() ?? 0
        var svg = "<svg class=\"heat\" viewBox=\"0 0 \(Int(left + 24 * cell + 4)) \(Int(top + 7 * cell + 4))\" role=\"img\" aria-label=\"Conversations by hour of week\">"
        svg += "<title>Conversations by hour of week</title>"
        for hour in stride(from: 0, to: 24, by: 3) {
            svg += "<text class=\"axis\" x=\"\(n(left + Double(hour) * cell + cell / 2))\" y=\"14\" text-anchor=\"middle\">\(String(format: "%02d", hour))</text>"
        }
        for (d, day) in days.enumerated() {
            svg += "<text class=\"axis\" x=\"\(n(left - 6))\" y=\"\(n(top + Double(d) * cell + cell / 2 + 4))\" text-anchor=\"end\">\(day)</text>"
            for hour in 0..<24 {
                let key = "\(d + 1) \(day) \(String(format: "%02d", hour))"
                let value = counts[key] ?? 0
                let level = maximum > 0 && value > 0 ? 1 + min(4, Int((value / maximum * 5).rounded(.down))) : 0
                svg += "<rect class=\"q\(level)\" x=\"\(n(left + Double(hour) * cell + 1))\" y=\"\(n(top + Double(d) * cell + 1))\" width=\"\(n(cell - 2))\" height=\"\(n(cell - 2))\" rx=\"3\">"
                svg += "<title>\(day) \(String(format: "%02d", hour)):00 · \(ReportFormat.count(value)) conversations</title></rect>"
            }
        }
        return svg + "</svg>"
    }

    /// Vertical bars with labels under them; `classes` colours each bar.
    static func bars(title: String, labels: [String], values: [Double], classes: [String], valueFormat: (Double) -> String) -> String {
        let width = 640.0, height = 200.0, left = 12.0, top = 18.0, bottom = 28.0
        let maximum = max(values.max() ?? 0, 1)
        let slot = (width - 2 * left) / Double(max(values.count, 1))
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\"><title>\(HTML.escape(title))</title>"
        svg += "<line class=\"axis-line\" x1=\"\(n(left))\" x2=\"\(n(width - left))\" y1=\"\(n(height - bottom))\" y2=\"\(n(height - bottom))\"/>"
        for (i, value) in values.enumerated() {
            let h = (height - top - bottom) * value / maximum
            let x = left + slot * Double(i) + slot * 0.12
            svg += "<rect class=\"bar \(classes[i % classes.count])\" x=\"\(n(x))\" y=\"\(n(height - bottom - h))\" width=\"\(n(slot * 0.76))\" height=\"\(n(h))\" rx=\"2\">"
            svg += "<title>\(HTML.escape(labels[i])): \(HTML.escape(valueFormat(value)))</title></rect>"
            svg += "<text class=\"axis\" x=\"\(n(x + slot * 0.38))\" y=\"\(n(height - bottom - h - 4))\" text-anchor=\"middle\">\(HTML.escape(valueFormat(value)))</text>"
            svg += "<text class=\"axis\" x=\"\(n(x + slot * 0.38))\" y=\"\(n(height - 10))\" text-anchor=\"middle\">\(HTML.escape(labels[i]))</text>"
        }
        return svg + "</svg>"
    }

    /// One horizontal bar split into shares (outcome mix); `classes` colours the parts.
    static func stackedBar(parts: [(label: String, value: Double)], classes: [String]) -> String {
        let total = parts.reduce(0) { $0 + $1.value }
        guard total > 0 else { return HTML.element("p", [("class", "empty")], "No conversations in this window.") }
        var svg = "<svg class=\"stack\" viewBox=\"0 0 640 28\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"Outcome mix\"><title>Outcome mix</title>"
        var x = 0.0
        for (i, part) in parts.enumerated() where part.value > 0 {
            let w = 640 * part.value / total
            svg += "<rect class=\"\(classes[i % classes.count])\" x=\"\(n(x))\" y=\"0\" width=\"\(n(w))\" height=\"28\">"
            svg += "<title>\(HTML.escape(part.label)): \(ReportFormat.count(part.value)) (\(ReportFormat.percent(part.value / total)))</title></rect>"
            x += w
        }
        return svg + "</svg>"
    }

    /// A KPI card's interval: a 0–100 % track, the 95 % interval as a bar, the value as a dot.
    static func whisker(value: Double, low: Double, high: Double, earlier: Double?) -> String {
        let width = 200.0
        func x(_ p: Double) -> String { n(4 + (width - 8) * min(max(p, 0), 1)) }
        var svg = "<svg class=\"whisker\" viewBox=\"0 0 \(Int(width)) 16\" role=\"img\" aria-label=\"95% interval\">"
        svg += "<title>95% interval \(ReportFormat.percent(low)) – \(ReportFormat.percent(high))</title>"
        svg += "<line class=\"track\" x1=\"4\" x2=\"\(n(width - 4))\" y1=\"8\" y2=\"8\"/>"
        svg += "<line class=\"ci\" x1=\"\(x(low))\" x2=\"\(x(high))\" y1=\"8\" y2=\"8\"/>"
        svg += "<line class=\"cap\" x1=\"\(x(low))\" x2=\"\(x(low))\" y1=\"4\" y2=\"12\"/><line class=\"cap\" x1=\"\(x(high))\" x2=\"\(x(high))\" y1=\"4\" y2=\"12\"/>"
        if let earlier { svg += "<line class=\"prev\" x1=\"\(x(earlier))\" x2=\"\(x(earlier))\" y1=\"2\" y2=\"14\"/>" }
        svg += "<circle class=\"val\" cx=\"\(x(value))\" cy=\"8\" r=\"3.5\"/>"
        return svg + "</svg>"
    }

    // MARK: - Scales

    /// Runs of consecutive non-nil indices.
    private static func segments(_ values: [Double?]) -> [[Int]] {
        var result: [[Int]] = [], current: [Int] = []
        for (i, value) in values.enumerated() {
            if value != nil { current.append(i) } else if !current.isEmpty { result.append(current); current = [] }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// The smallest 1, 2, 2.5 or 5 × 10^k at or above `value`.
    static func niceCeiling(_ value: Double) -> Double {
        let power = pow(10, floor(log10(value)))
        for step in [1.0, 2, 2.5, 5, 10] where step * power >= value * 0.999_999 { return step * power }
        return 10 * power
    }

    /// Ticks at a round step (1, 2, 2.5 or 5 × 10^k) giving about four intervals across the range.
    private static func tickValues(_ range: ClosedRange<Double>) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0 else { return [range.lowerBound] }
        let step = niceCeiling(span / 5)
        var ticks: [Double] = []
        var value = (range.lowerBound / step).rounded(.up) * step
        while value <= range.upperBound + step * 1e-9, ticks.count < 12 {
            ticks.append(value)
            value += step
        }
        return ticks
    }

    /// Up to `maximum` evenly spread label positions, always the first and last.
    private static func labelIndices(_ count: Int, maximum: Int) -> [Int] {
        guard count > maximum else { return Array(0..<count) }
        let step = Double(count - 1) / Double(maximum - 1)
        return Array(Set((0..<maximum).map { Int((Double($0) * step).rounded()) })).sorted()
    }
}
