module example.org/blog

go 1.22
