import Foundation
import Testing

@testable import App

/// The small encoders every page goes through: HTML escaping, secret tokens and their digests.
@Suite struct TextEncodingTests {
    @Test func escapingReplacesTheFiveCharactersAndKeepsEveryOther() {
        let marked = "Tomáš & Co <b>\"laser\"</b> l'été"
        #expect(HTML.escape(marked) == "Tomáš &amp; Co &lt;b&gt;&quot;laser&quot;&lt;/b&gt; l&#39;été")
        let plain = "Plain text, ünïcödé, 東京 and emoji 🇩🇪"
        #expect(HTML.escape(plain) == plain)
        #expect(HTML.escape("") == "")
        #expect(HTML.escape("&&") == "&amp;&amp;")
    }

    @Test func aDigestIsTheHexOfSHA256() {
        #expect(SecretToken.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SecretToken.hex([0x00, 0x0f, 0xab, 0xff]) == "000fabff")
    }

    @Test func aTokenIsWellFormedAndNew() {
        let tokens = (0..<200).map { _ in SecretToken.generate() }
        #expect(tokens.allSatisfy(SecretToken.isWellFormed))
        #expect(Set(tokens).count == tokens.count)
        // Every one of the 64 characters turns up in 200 tokens of 43 characters.
        #expect(Set(tokens.joined()).count == 64)
    }
}
