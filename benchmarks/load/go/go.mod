module github.com/tabularium/tabularium/benchmarks/load/go

go 1.26
