package main

import "fmt"

// START OMIT
func main() {
	fmt.Println("Hello, 世界") // HL
}

// END OMIT
