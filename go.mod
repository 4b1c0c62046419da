module github.com/galleyprint/galley

go 1.26.8
