// CursesKeyDecoder: translates curses key codes and characters into Workbench keys.
import CNcurses
import Workbench

/// Maps what `wget_wch` returned to a `Key` (nil for codes the UI does not use).
enum CursesKeyDecoder {
    /// A character read by `wget_wch` (status OK).
    static func character(_ value: Int32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26:
            guard let scalar = Unicode.Scalar(UInt32(value) + 96) else { return nil }
            return .control(Character(scalar))
        default:
            guard value >= 32, let scalar = Unicode.Scalar(UInt32(value)) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A function-key code (status KEY_CODE_YES), other than KEY_RESIZE.
    static func keyCode(_ value: Int32) -> Key? {
        switch value {
        case aelab_key_up(): return .up
        case aelab_key_down(): return .down
        case aelab_key_left(): return .left
        case aelab_key_right(): return .right
        case aelab_key_backspace(): return .backspace
        case aelab_key_enter(): return .enter
        case aelab_key_btab(): return .backTab
        default:
            for n in 1...12 where aelab_key_f(Int32(n)) == value { return .function(n) }
            return nil
        }
    }
}
