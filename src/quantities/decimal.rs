//! The value of a run of digits (with at most one `.`), read as the digits are:
//! exact for up to 15 digits, `str::parse` beyond.

/// The digits of a number (and at most one `.`) as they are read, for their value
/// without a second pass over a copy.
#[derive(Default)]
pub(super) struct Decimal {
    /// The digits as an integer (wrapped past 19 digits, when it is not used).
    mantissa: u64,
    digits: usize,
    /// Digits after the `.`.
    scale: usize,
    /// Bytes read, digits and `.`.
    len: usize,
    dot: bool,
}

impl Decimal {
    /// Reads a digit or the `.`.
    #[inline(always)]
    pub(super) fn push(&mut self, c: u8) {
        self.len += 1;
        if c == b'.' {
            self.dot = true;
        } else {
            self.mantissa = self
                .mantissa
                .wrapping_mul(10)
                .wrapping_add(u64::from(c - b'0'));
            self.digits += 1;
            self.scale += usize::from(self.dot);
        }
    }

    /// The value when at most 16 bytes hold at most 15 digits (and one at least),
    /// else None. Exact digits over an exact power of ten give the correctly rounded
    /// quotient, the same double `str::parse` gives (Clinger's fast path), without its
    /// UTF-8 check and general parser.
    #[inline]
    pub(super) fn value(&self) -> Option<f64> {
        const POW10: [f64; 16] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        ];
        // Below 10^15 < 2^53: the mantissa is exact as a double.
        let short = self.len <= 16 && self.digits > 0 && self.digits <= 15;
        short.then(|| self.mantissa as f64 / POW10[self.scale])
    }
}

/// The value of a number too long for [`Decimal::value`]: its digits and `.` (the
/// first 64 of them, group separators left out) read by `str::parse`.
#[cold]
#[inline(never)]
pub(super) fn long_value(run: &[u8]) -> Option<f64> {
    let mut buf = [0u8; 64];
    let mut n = 0;
    for &c in run.iter().filter(|c| c.is_ascii_digit() || **c == b'.') {
        if n < buf.len() {
            buf[n] = c;
            n += 1;
        }
    }
    std::str::from_utf8(&buf[..n]).ok()?.parse().ok()
}

/// [`Decimal::value`] of the digits and `.` in `s`.
#[cfg(test)]
fn short_decimal(s: &[u8]) -> Option<f64> {
    let mut acc = Decimal::default();
    s.iter().for_each(|&c| acc.push(c));
    acc.value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_decimals_parse_as_str_parse() {
        for s in [
            "0",
            "7",
            "007",
            "155",
            ".08",
            "3.5",
            "0.1",
            "2.675",
            "123456789012345",
            "9.99999999999999",
            "1234567.89",
            "0.00000000000001",
        ] {
            let want: f64 = s.parse().unwrap();
            assert_eq!(
                short_decimal(s.as_bytes()).map(f64::to_bits),
                Some(want.to_bits()),
                "{s}"
            );
        }
        assert_eq!(short_decimal(b"1234567890123456"), None);
        // Pseudo-random digit strings with a dot anywhere.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = 1 + (seed % 15) as usize;
            let mut s: String = (0..len)
                .map(|i| char::from(b'0' + (seed >> (4 * i) & 0xf) as u8 % 10))
                .collect();
            let dot = (seed >> 60) as usize % (len + 1);
            s.insert(dot, '.');
            let want: f64 = s.parse().unwrap();
            assert_eq!(
                short_decimal(s.as_bytes()).map(f64::to_bits),
                Some(want.to_bits()),
                "{s}"
            );
        }
    }
}
