from kerlint.cli import main

main()
