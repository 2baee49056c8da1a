from tabularium.cli import main

main()
