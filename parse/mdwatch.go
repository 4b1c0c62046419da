package parse

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Goldmark takes no context, and some of its work grows faster than its
// input. This file lets it stop when the post's context is done, and
// reads link reference definitions in linear time.

// watchKey keeps the canceller of the post being parsed in goldmark's
// parser context.
var watchKey = parser.NewContextKey()

// stopParsing is what watchdog panics with when the context is done;
// parseMarkdown recovers it.
type stopParsing struct{ err error }

// The watchdogs let goldmark, which takes no context, stop when the
// post's context is done. They never parse anything: blockWatchdog is a
// block parser tried on every line (refDefChunker looks between
// paragraphs' definitions), inlineWatchdog an inline parser called at characters goldmark already
// stops at (spaces and line starts, brackets, emphasis, code and
// autolink marks: no new text segments). Once the canceller in the
// parser context says to stop, they panic with stopParsing. The panic
// unwinds goldmark's state for this post only (all of it lives in the
// parser context), in the goroutine that called it, where parseMarkdown
// recovers it: nothing is left running.
type (
	blockWatchdog  struct{}
	inlineWatchdog struct{}
)

func watch(pc parser.Context) {
	if c, ok := pc.Get(watchKey).(*canceller); ok && c.stop() {
		panic(stopParsing{c.err})
	}
}

// Trigger is nil: the parser is tried on every line.
func (blockWatchdog) Trigger() []byte { return nil }

func (blockWatchdog) Open(_ ast.Node, _ text.Reader, pc parser.Context) (ast.Node, parser.State) {
	watch(pc)
	return nil, parser.NoChildren
}

// Continue is never called: Open opens nothing.
func (blockWatchdog) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}

// Close is never called: Open opens nothing.
func (blockWatchdog) Close(ast.Node, text.Reader, parser.Context) {}

// CanInterruptParagraph is true, so that the parser is tried on the lines
// of paragraphs too.
func (blockWatchdog) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine is true, so that the parser is tried on indented
// lines too.
func (blockWatchdog) CanAcceptIndentedLine() bool { return true }

// Trigger returns characters that the extensions' inline parsers trigger on.
func (inlineWatchdog) Trigger() []byte {
	return []byte{' ', '*', '_', '~', '(', '[', ']', '!', '`', '<'}
}

func (inlineWatchdog) Parse(_ ast.Node, _ text.Reader, pc parser.Context) ast.Node {
	watch(pc)
	return nil
}

// refDefLines is how many lines of a paragraph refDefChunker hands
// goldmark's link reference transformer at a time.
const refDefLines = 256

// refDefChunker reads the link reference definitions that open a long
// paragraph ("[label]: /url" lines) a few hundred lines at a time, with
// goldmark's own transformer, before goldmark runs it on what is left:
// that transformer copies the rest of the paragraph for every definition
// it takes out, which on a paragraph of a hundred thousand definitions
// is ten seconds that nothing can interrupt. Shorter paragraphs are left
// to goldmark alone. Between pieces it looks at the context.
type refDefChunker struct{}

func (refDefChunker) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	watch(pc)
	lines := node.Lines()
	n := lines.Len()
	if n <= refDefLines {
		return
	}
	at := 0
	for at < n {
		end := min(at+refDefLines, n)
		piece := ast.NewParagraph()
		piece.Lines().AppendAll(lines.Sliced(at, end))
		node.Parent().InsertBefore(node.Parent(), node, piece)
		parser.LinkReferenceParagraphTransformer.Transform(piece, reader, pc)
		taken := end - at
		if piece.Parent() != nil {
			// lines are left: body text, or a definition the piece cut
			taken -= piece.Lines().Len()
			piece.Parent().RemoveChild(piece.Parent(), piece)
		}
		if taken == 0 {
			break
		}
		at += taken
		watch(pc)
	}
	if at == n {
		node.Parent().RemoveChild(node.Parent(), node)
		return
	}
	if at > 0 {
		node.Lines().SetSliced(at, n)
	}
}
