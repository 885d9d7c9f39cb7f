//! Little-endian binary writer/reader for the model file (inside a deflate stream).

use crate::SyntaxError;

/// Growable output buffer.
#[derive(Default)]
pub(crate) struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn i16(&mut self, v: i16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn varint(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.buf.push(b);
                return;
            }
            self.buf.push(b | 0x80);
        }
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }
}

/// Cursor over the decompressed model bytes; errors name the byte offset.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf, pos: 0 }
    }
    pub(crate) fn bad(&self, what: &str) -> SyntaxError {
        SyntaxError::Model(format!(
            "{what} at byte {} of the decompressed model",
            self.pos
        ))
    }
    #[inline]
    fn take(&mut self, n: usize) -> Result<&'a [u8], SyntaxError> {
        if self.buf.len() - self.pos < n {
            return Err(self.bad("unexpected end of data"));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub(crate) fn u64(&mut self) -> Result<u64, SyntaxError> {
        let b = self.take(8)?;
        Ok(u64::from_le_bytes(b.try_into().expect("8 bytes")))
    }
    #[inline]
    pub(crate) fn f32(&mut self) -> Result<f32, SyntaxError> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes(b.try_into().expect("4 bytes")))
    }
    #[inline]
    pub(crate) fn i16(&mut self) -> Result<i16, SyntaxError> {
        let b = self.take(2)?;
        Ok(i16::from_le_bytes(b.try_into().expect("2 bytes")))
    }
    #[inline]
    pub(crate) fn varint(&mut self) -> Result<u64, SyntaxError> {
        // Most varints in a model are one byte: take those without the loop.
        if let Some(&b) = self.buf.get(self.pos) {
            if b & 0x80 == 0 {
                self.pos += 1;
                return Ok(u64::from(b));
            }
        }
        self.varint_long()
    }

    #[inline(never)]
    fn varint_long(&mut self) -> Result<u64, SyntaxError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.bad("varint too long"))
    }
    pub(crate) fn str(&mut self) -> Result<String, SyntaxError> {
        let n = self.varint()? as usize;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| self.bad("invalid UTF-8 string"))
    }
    pub(crate) fn at_end(&self) -> bool {
        self.pos == self.buf.len()
    }
}
