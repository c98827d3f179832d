// ImageProtocolTests: the kitty and sixel encoders checked byte for byte against bytes derived
// by hand from the protocols (kitty graphics protocol with Unicode placeholders; DEC sixel),
// the start-up probe's reply parsing, the protocol choice, and that nothing is resent.
// The terminals themselves (kitty, sixel terminals) are not on this machine.
import Foundation
import Testing

@testable import Workbench

private let esc = "\u{1B}"
private let st = "\u{1B}\\"

@Suite struct KittyEncoderTests {
    @Test func aTwoByTwoGreyImageIsOneChunkOfRGBBase64() {
        // Pixels 0, 255 / 128, 64 -> RGB 000000 FFFFFF 808080 404040 -> base64 by hand:
        // 00 00 00 = AAAA, FF FF FF = ////, 80 80 80 = gICA, 40 40 40 = QEBA.
        let image = GreyImage(width: 2, height: 2, pixels: [0, 255, 128, 64])
        let bytes = KittyGraphicsEncoder.transmit(image, id: 7, columns: 1, rows: 1)
        #expect(bytes == "\(esc)_Ga=T,U=1,f=24,t=d,s=2,v=2,i=7,c=1,r=1,q=2,m=0;AAAA////gICAQEBA\(st)")
    }

    @Test func aTwoByTwoGreyImageAtScaleTwoIsSixteenRGBPixelsInOneChunk() {
        // kitty graphics protocol, "RGB and RGBA data": f=24 is 3 bytes a pixel, s and v the
        // width and height in pixels; "Remote client": the payload is base64, in chunks of at
        // most 4096 bytes, m=0 on the last. Each pixel is 3 bytes, so 4 base64 characters of its
        // own: 0 = AAAA, 255 = ////, 128 = gICA, 64 = QEBA. At 2x, rows 0 and 1 are 0 0 255 255
        // and rows 2 and 3 are 128 128 64 64 (48 bytes, 64 base64 characters).
        let image = GreyImage(width: 2, height: 2, pixels: [0, 255, 128, 64]).scaled(by: 2)
        let top = "AAAAAAAA////////"
        let bottom = "gICAgICAQEBAQEBA"
        #expect(
            KittyGraphicsEncoder.transmit(image, id: 7, columns: 1, rows: 1)
                == "\(esc)_Ga=T,U=1,f=24,t=d,s=4,v=4,i=7,c=1,r=1,q=2,m=0;\(top)\(top)\(bottom)\(bottom)\(st)")
    }

    @Test func a28By28ImageAtScaleTwoIsSentInFourChunksOf4096Base64BytesAtMost() throws {
        let source = GreyImage(width: 28, height: 28, pixels: (0..<784).map { UInt8($0 % 256) })
        let image = source.scaled(by: 2)
        let bytes = KittyGraphicsEncoder.transmit(image, id: 0x123456, columns: 8, rows: 4)
        // 56 * 56 * 3 = 9408 bytes -> 12544 base64 bytes -> 4096 + 4096 + 4096 + 256.
        let codes = bytes.components(separatedBy: st).dropLast()
        #expect(codes.count == 4)
        let controls = codes.map { $0.split(separator: ";", maxSplits: 1)[0] }
        #expect(
            controls == [
                "\(esc)_Ga=T,U=1,f=24,t=d,s=56,v=56,i=1193046,c=8,r=4,q=2,m=1",
                "\(esc)_Gm=1", "\(esc)_Gm=1", "\(esc)_Gm=0",
            ])
        let payloads = codes.map { String($0.split(separator: ";", maxSplits: 1)[1]) }
        #expect(payloads.map(\.count) == [4096, 4096, 4096, 256])
        let rgb = try #require(Data(base64Encoded: payloads.joined()))
        #expect(rgb.count == 9408)
        // Scaled pixel (55, 55) is source (27, 27) = (27 + 27 * 28) % 256 = 15, as R, G and B.
        #expect(Array(rgb[9405...9407]) == [15, 15, 15])
        // Scaled pixels (2, 0) and (3, 0) are both source (1, 0) = 1.
        #expect(Array(rgb[6...11]) == [1, 1, 1, 1, 1, 1])
        // Scaled row 1 repeats row 0: pixel (0, 1) at offset 56 * 3 is source (0, 0) = 0, and
        // pixel (0, 2) is source (0, 1) = 28.
        #expect(rgb[168] == 0 && rgb[336] == 28)
    }

    @Test func placeholderCellsCarryTheRowThenTheColumnDiacritic() {
        let row = KittyGraphicsEncoder.placeholderRow(1, columns: 3)
        #expect(
            Array(row.unicodeScalars) == [
                "\u{10EEEE}", "\u{030D}", "\u{0305}",
                "\u{10EEEE}", "\u{030D}", "\u{030D}",
                "\u{10EEEE}", "\u{030D}", "\u{030E}",
            ])
    }

    @Test func placingDrawsEachRowAtItsScreenCellInTheIdColour() {
        let bytes = KittyGraphicsEncoder.place(id: 0x010203, x: 4, y: 2, columns: 1, rows: 2)
        #expect(
            bytes == "\(esc)[38;2;1;2;3m\(esc)[3;5H\u{10EEEE}\u{0305}\u{0305}"
                + "\(esc)[4;5H\u{10EEEE}\u{030D}\u{0305}\(esc)[39m")
    }

    @Test func tmuxPassthroughDoublesEveryEscapeInsideItsDCS() {
        let wrapped = KittyGraphicsEncoder.tmuxPassthrough("\(esc)_Gm=0;\(st)")
        #expect(wrapped == "\(esc)Ptmux;\(esc)\(esc)_Gm=0;\(esc)\(esc)\\\(esc)\\")
    }

    @Test func theQueryIsTheOneTheProtocolDocumentsForDetection() {
        #expect(KittyGraphicsEncoder.query == "\(esc)_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\(st)")
    }

    @Test func theDiacriticTableHasSixtyFourDistinctCombiningMarks() {
        let marks = KittyDiacritics.rowColumn
        #expect(marks.count == 64 && Set(marks).count == 64)
        #expect(marks.allSatisfy { $0.properties.canonicalCombiningClass.rawValue == 230 })
    }
}

@Suite struct SixelEncoderTests {
    @Test func aTwoByTwoImageUsesOneRegisterPerGreyInPercentOrder() {
        // Greys 0, 255 / 128, 64 -> percent 0, 100 / 50, 25; registers in ascending percent.
        // One band (rows 0 and 1): #0 draws (0,0): '@' then '?'; #1 (1,1): '?' 'A'; #2 (0,1): 'A' '?';
        // #3 (1,0): '?' '@'.
        let image = GreyImage(width: 2, height: 2, pixels: [0, 255, 128, 64])
        #expect(
            SixelEncoder.encode(image) == "\(esc)Pq\"1;1;2;2#0;2;0;0;0#1;2;25;25;25#2;2;50;50;50"
                + "#3;2;100;100;100#0@?$#1?A$#2A?$#3?@\(st)")
    }

    @Test func aTwoByTwoImageAtScaleTwoDrawsEachGreyAsTwoByTwoBlocks() {
        // DEC sixel (VT330/VT340 reference, "Sixel Graphics"): "1;1;4;4 raster attributes (1:1
        // aspect, 4x4 pixels); #n;2;r;g;b a colour register in RGB percent; in a band each
        // character is 63 + six bits, bit 0 the band's top row; $ returns to the band's start.
        // At 2x: greys 0 (rows 0-1, columns 0-1), 255 (rows 0-1, columns 2-3), 128 (rows 2-3,
        // columns 0-1), 64 (rows 2-3, columns 2-3). Rows 0-1 are bits 0b0011 = 'B', rows 2-3
        // 0b1100 = 'K'; runs of two are written out.
        let image = GreyImage(width: 2, height: 2, pixels: [0, 255, 128, 64]).scaled(by: 2)
        #expect(
            SixelEncoder.encode(image) == "\(esc)Pq\"1;1;4;4#0;2;0;0;0#1;2;25;25;25#2;2;50;50;50"
                + "#3;2;100;100;100#0BB??$#1??KK$#2KK??$#3??BB\(st)")
    }

    @Test func bandsOfSixRowsAreSeparatedByDashAndRunsUseTheRepeatIntroducer() {
        // 5 x 8, black except a white pixel at (4, 7). Band 0: all six bits black -> "!5~".
        // Band 1 (rows 6, 7): black bits 0b11 = 'B' in columns 0-3, bit 0 = '@' in column 4;
        // white bit 1 = 'A' in column 4 only.
        var pixels = [UInt8](repeating: 0, count: 40)
        pixels[39] = 255
        let bytes = SixelEncoder.encode(GreyImage(width: 5, height: 8, pixels: pixels))
        #expect(bytes == "\(esc)Pq\"1;1;5;8#0;2;0;0;0#1;2;100;100;100#0!5~-#0!4B@$#1!4?A\(st)")
    }

    @Test func a28By28ImageAtScaleTwoIsTenBandsWithAPartialLastBand() {
        let image = GreyImage(width: 28, height: 28, pixels: [UInt8](repeating: 128, count: 784)).scaled(by: 2)
        let expected =
            "\(esc)Pq\"1;1;56;56#0;2;50;50;50"
            + String(repeating: "#0!56~-", count: 9) + "#0!56B" + st
        #expect(SixelEncoder.encode(image) == expected)
    }

    @Test func shortRunsAreWrittenOutAndFourOrMoreAreCounted() {
        #expect(SixelEncoder.runLengthEncoded(Array("???@@@@A".utf8)) == "???!4@A")
    }
}

@Suite struct TerminalImageSupportTests {
    private func parse(_ s: String) -> TerminalImageReplies { TerminalImageReplies(parsing: Array(s.utf8)) }

    @Test func aKittyOKBeforeDeviceAttributesMeansKitty() {
        let r = parse("\(esc)_Gi=31;OK\(st)\(esc)[?62;22c")
        #expect(r.kittyOK && r.deviceAttributesSeen && !r.sixel && r.isComplete(throughTmux: false))
    }

    @Test func deviceAttributeFourMeansSixelButFourteenDoesNot() {
        #expect(parse("\(esc)[?63;1;2;4;6;9;15;22c").sixel)
        #expect(!parse("\(esc)[?64;14c").sixel)
    }

    @Test func aKittyErrorIsKeptAndTypedKeysAreSkipped() {
        let r = parse("x\(esc)_Gi=31;ENOTSUPPORTED:no\(st)q\(esc)[?1;2c")
        #expect(!r.kittyOK && r.kittyError == "ENOTSUPPORTED:no" && r.deviceAttributesSeen)
    }

    @Test func aReplyWithoutDeviceAttributesIsNotComplete() {
        #expect(!parse("\(esc)_Gi=31;OK\(st)").isComplete(throughTmux: false))
        #expect(!parse("").isComplete(throughTmux: false))
    }

    @Test func throughTmuxOnlyTheOutsideTerminalsKittyAnswerEndsTheWaitNotTmuxsOwnDeviceAttributes() {
        #expect(!parse("\(esc)[?1;2c").isComplete(throughTmux: true))
        #expect(parse("\(esc)[?1;2c\(esc)_Gi=31;OK\(st)").isComplete(throughTmux: true))
        #expect(parse("\(esc)_Gi=31;ENOTSUPPORTED:\(st)").isComplete(throughTmux: true))
    }

    @Test func insideTmuxTheQueryIsWrappedForPassthroughAndDeviceAttributesAreNot() {
        let query = "\(esc)_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\(st)"
        #expect(TerminalImageReplies.probe(inTmux: false) == query + "\(esc)[c")
        // tmux's DCS passthrough: ESC Ptmux; + the sequence with every ESC doubled + ST
        #expect(
            TerminalImageReplies.probe(inTmux: true)
                == "\(esc)Ptmux;\(esc)\(esc)_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\(esc)\(esc)\\\(st)\(esc)[c")
    }

    @Test func autoChoosesKittyThenSixelThenBlocksWithAReason() {
        let kitty = parse("\(esc)_Gi=31;OK\(st)\(esc)[?62;4c")
        let sixel = parse("\(esc)[?62;4c")
        let neither = parse("\(esc)[?62c")
        func choose(_ r: TerminalImageReplies?, tmux: Bool = false, pass: Bool? = nil, mosh: Bool = false)
            -> ImageProtocol
        {
            ImageProtocolChoice(mode: .auto, replies: r, inTmux: tmux, tmuxPassthrough: pass, mosh: mosh).chosen
        }
        #expect(choose(kitty) == .kitty)
        #expect(choose(kitty, tmux: true, pass: true) == .kitty)
        #expect(choose(kitty, tmux: true, pass: false) == .blocks)
        #expect(choose(sixel) == .sixel)
        #expect(choose(sixel, tmux: true, pass: true) == .blocks)
        #expect(choose(neither) == .blocks)
        #expect(choose(nil) == .blocks)
        #expect(choose(kitty, mosh: true) == .blocks)
        let off = ImageProtocolChoice(mode: .auto, replies: kitty, inTmux: true, tmuxPassthrough: false, mosh: false)
        #expect(off.reason.contains("tmux passthrough is off"))
        // forced sixel: drawn outside tmux; inside, half blocks (a sixel is never sent through tmux)
        #expect(
            ImageProtocolChoice(mode: .sixel, replies: nil, inTmux: false, tmuxPassthrough: nil, mosh: false).chosen
                == .sixel)
        let inTmux = ImageProtocolChoice(mode: .sixel, replies: nil, inTmux: true, tmuxPassthrough: nil, mosh: false)
        #expect(inTmux.chosen == .blocks && inTmux.reason.contains("not sent through tmux"))
    }
}
