package re2go

// galley patch: each matcher appended the terminating null its generated
// code stops at (re2c:eof = 0) to its input, a copy of the input made for
// every call (a class and id for each element of a page, several times);
// the matchers now read their input through peek, which gives the null at
// its end without a copy. The .re sources make YYPEEK peek, as the
// generated code uses it.

// peek returns input[cursor], and 0 (the terminating null) at
// len(input).
func peek(input string, cursor int) byte {
	if uint(cursor) < uint(len(input)) {
		return input[cursor]
	}
	return 0
}
