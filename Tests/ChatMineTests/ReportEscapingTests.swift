import Foundation
import Testing
@testable import ChatMine

/// Every user-written string in the report is text: XSS payloads placed in chat text, intent,
/// channel, API and file names, reject reasons and review decisions add no element, attribute
/// or URL of their own to the page.
@Suite struct ReportEscapingTests {
    static let payloads = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'><svg onload=alert(1)>",
        "javascript:alert(1)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<iframe src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></iframe>",
        "</textarea><script>alert(1)</script>",
        "<style>body{display:none}</style>",
        "<!--<script>alert(1)//-->",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "{{script}}{{style}}",
        "\" onmouseover=\"alert(1)",
        "' onfocus='alert(1)' autofocus '",
        "<img src=\"x\" onerror=\"&#97;lert(1)\">",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<base href=\"https://evil.example/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
        "<svg><use href=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>#x\"/></svg>",
        "\u{202E}gnp.exe",
        "<form action=javascript:alert(1)><button>x</button></form>",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "<ScRiPt>alert(1)</sCrIpT>",
        "<div style=\"background:url(javascript:alert(1))\">",
        "</script><script>alert(1)</script>",
        "<title>x</title><p>x",
        "]]><![CDATA[<script>alert(1)</script>",
    ]

    /// A store whose every user-controlled string is `word(i)`: chat text, intents, channels, API
    /// names, a file name, an unknown role, suggestion names, terms, phrases, nearest intents and
    /// a rejection reason.
    static func store(_ word: (Int) -> String, in folder: TemporaryFolder) throws -> Database {
        let db = try Database(path: folder.file("store.sqlite"))
        var lines: [String] = []
        for i in 0..<payloads.count {
            lines += ReportTestStore.conversation("c\(i)", text: "help me " + word(i), intent: "i_" + word(i), channel: "ch " + word(i),
                                                  api: "api " + word(i), apiOK: i % 2 == 0, ending: i % 3 == 0 ? "handoff" : "resolved",
                                                  day: 2 + i % 5, hour: i % 24)
        }
        lines.append(ReportTestStore.line(["conversation_id": "bad", "timestamp": "2026-11-02T10:00:00Z", "role": "r" + word(0), "text": word(1)]))
        try ReportTestStore.ingest(lines, in: folder, into: db)
        let fileName = "f " + word(1).replacingOccurrences(of: "/", with: "_") + ".jsonl"
        try ReportTestStore.ingest(["{not json " + word(2), ReportTestStore.line(["conversation_id": "bad2"])], named: fileName, in: folder, into: db)
        _ = try SentimentStore(database: db, scorer: SentimentScorer(lexicon: SentimentLexicon.load(path: nil, mode: .extend))).run()
        try ReportTestStore.insertSuggestions((0..<14).map { i in
            (name: "s_" + word(i), phrases: [word(i), "where " + word(i + 1)], terms: [word(i + 2)], nearest: "n_" + word(i + 3))
        }, into: db)
        let review = SuggestionReview(db: db)
        try review.reject("C00001", reason: word(4))
        try review.accept("C00002", as: "good_name")
        return db
    }

    static func payload(_ i: Int) -> String { payloads[i % payloads.count] }
    static func benign(_ i: Int) -> String { "word\(i % payloads.count)" }

    struct Vocabulary: Equatable {
        var tags: Set<String> = []
        var attributes: Set<String> = []
    }

    static func vocabulary(_ html: String) -> Vocabulary {
        var vocabulary = Vocabulary()
        for case .tag(let tag) in ReportHTMLTokenizer.tokens(html) {
            vocabulary.tags.insert(tag.name)
            for attribute in tag.attributes { vocabulary.attributes.insert(tag.name + "@" + attribute.name) }
        }
        return vocabulary
    }

    @Test func payloadsAddNoTagsOrAttributes() throws {
        let benignFolder = try TemporaryFolder(), payloadFolder = try TemporaryFolder()
        let benign = try ReportTestStore.render(Self.store(Self.benign, in: benignFolder))["index.html"] ?? ""
        let hostile = try ReportTestStore.render(Self.store(Self.payload, in: payloadFolder))["index.html"] ?? ""
        let own = Self.vocabulary(benign)
        #expect(own.tags.contains("svg") && own.tags.contains("table") && own.tags.contains("article"), "the benign report has every section")
        #expect(Self.vocabulary(hostile) == own)
    }

    @Test func noScriptsURLsOrHandlersOfTheirOwn() throws {
        let folder = try TemporaryFolder()
        let files = try ReportTestStore.render(Self.store(Self.payload, in: folder))
        let html = try #require(files["index.html"])
        let tokens = ReportHTMLTokenizer.tokens(html)
        var scripts: [String] = [], styles: [String] = []
        for token in tokens {
            switch token {
            case .rawText(let element, let content):
                if element == "script" { scripts.append(content) } else { styles.append(content) }
            case .tag(let tag):
                for attribute in tag.attributes {
                    #expect(!attribute.name.hasPrefix("on"), "event handler \(attribute.name) on <\(tag.name)>")
                    #expect(!["src", "srcdoc", "action", "formaction", "style", "data", "xlink:href"].contains(attribute.name), "attribute \(attribute.name)")
                    let value = attribute.value.lowercased().filter { !$0.isWhitespace && !($0.asciiValue.map { $0 < 0x20 } ?? false) }
                    for scheme in ["javascript:", "data:", "vbscript:"] {
                        #expect(!value.hasPrefix(scheme), "\(scheme) URL in \(tag.name)@\(attribute.name)")
                    }
                    if attribute.name == "href" {
                        let ownLink = attribute.value.range(of: #"^(#[a-z-]+|[a-z_]+\.csv)$"#, options: .regularExpression) != nil
                        #expect(ownLink, "href \(attribute.value)")
                    }
                }
            case .comment(let text):
                Issue.record("a comment in the page: \(text)")
            default:
                break
            }
        }
        #expect(scripts == [EmbeddedResources.files["reports/sort.js"] ?? "missing"])
        #expect(styles.count == 1)
        #expect(styles.first?.contains("alert") == false)
    }

    @Test func payloadsAreShownAsText() throws {
        let folder = try TemporaryFolder()
        let html = try #require(try ReportTestStore.render(Self.store(Self.payload, in: folder))["index.html"])
        var text = ""
        for case .text(let chunk) in ReportHTMLTokenizer.tokens(html) { text += ReportHTMLTokenizer.decode(chunk) }
        // Chat text (suggestion phrases), channel and intent names, and the reviewer's reason appear, as text.
        #expect(text.contains("<script>alert(1)</script>"))
        #expect(text.contains("ch \"><img src=x onerror=alert(1)>"))
        #expect(text.contains("i_'><svg onload=alert(1)>"))
        #expect(text.contains("&lt;script&gt;"), "a pre-escaped payload is escaped again, not decoded")
        #expect(text.contains("{{script}}{{style}}"), "placeholders in user text are not filled")
        #expect(!html.contains("\u{202E}"), "bidi overrides are dropped")
    }

    @Test func escapeCoversEveryMarkupCharacter() {
        #expect(HTML.escape("<a href=\"x\" title='y'>&</a>") == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        #expect(HTML.escape("ok\u{0}\u{1B}[31m") == "ok[31m")
        #expect(HTML.escape(String(repeating: "é", count: 10), limit: 5) == "éééé…")
    }
}
