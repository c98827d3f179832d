// Buffer: a fixed-size, pointer-stable block of scalars owned by one object.
//
// The engine's hot loops work on raw pointers handed straight to BLAS and to the vectorized
// kernels; a class with one allocation keeps those pointers valid for the buffer's lifetime
// and avoids copy-on-write checks inside kernels.

/// A heap block of `count` scalars, zero-initialized, freed with the object.
public final class Buffer<Scalar: EngineScalar> {
    /// Number of elements.
    public let count: Int
    /// Start of the storage; valid while the buffer lives.
    public let pointer: UnsafeMutablePointer<Scalar>

    /// Allocates `count` zeros.
    /// - Precondition: `count >= 0`.
    public init(count: Int) {
        precondition(count >= 0, "Buffer needs a non-negative count")
        self.count = count
        pointer = UnsafeMutablePointer<Scalar>.allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    /// Allocates a copy of `values`.
    public convenience init(_ values: [Scalar]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.update(from: base, count: values.count) }
        }
    }

    deinit { pointer.deallocate() }

    /// Element access.
    public subscript(index: Int) -> Scalar {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }

    /// Sets every element to zero.
    public func zero() { pointer.update(repeating: 0, count: count) }

    /// Copies every element from `other`.
    /// - Precondition: both buffers have the same count.
    public func copy(from other: Buffer<Scalar>) {
        precondition(other.count == count, "Buffer copy needs equal counts")
        pointer.update(from: other.pointer, count: count)
    }

    /// The contents as an array (allocates).
    public var array: [Scalar] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}

/// The engine's working buffer type.
public typealias FloatBuffer = Buffer<Float>

extension Buffer where Scalar == Float {
    /// True when every element in `start..<start+length` is finite; eight lanes at a time
    /// (x − x is 0 for a finite x and NaN for ±Inf or NaN), as it runs after every step. Only
    /// the training's Float parameters need it.
    public func allFinite(from start: Int = 0, count length: Int? = nil) -> Bool {
        let n = length ?? (count - start)
        let p = pointer + start
        var sum = F8(repeating: 0)
        var i = 0
        while i + 8 <= n {
            let x = load8(p + i)
            sum += x - x
            i += 8
        }
        while i < n {
            if !p[i].isFinite { return false }
            i += 1
        }
        return !any(sum .!= 0)
    }
}
