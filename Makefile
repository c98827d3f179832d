# aelab: the two commands (make run, make test) and the benchmark (make bench).
# Each first installs what is missing: through apt when run as root, otherwise it prints the
# exact command to run.

SWIFT ?= swift
APT_PACKAGES := libopenblas-dev pkg-config zlib1g-dev libncurses-dev tmux
ARGS ?=

.PHONY: run test bench deps build release clean

deps:
	@missing=""; \
	pkg-config --exists openblas 2>/dev/null || missing="$$missing libopenblas-dev pkg-config"; \
	[ -f /usr/include/zlib.h ] || missing="$$missing zlib1g-dev"; \
	[ -f /usr/include/ncurses.h ] || [ -f /usr/include/ncursesw/ncurses.h ] || missing="$$missing libncurses-dev"; \
	command -v tmux >/dev/null 2>&1 || missing="$$missing tmux"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "make: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "make: missing system packages; run:  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "make: swift not found; install Swift 6 from swift.org"; exit 1; }
	@# the checkpoint tests cross-check with Python's safetensors reader (skipped when absent)
	@if command -v python3 >/dev/null 2>&1 && [ "$$(id -u)" = "0" ]; then \
	  python3 -c 'import safetensors, numpy' 2>/dev/null || pip install -q safetensors numpy || \
	  pip install -q --break-system-packages safetensors numpy || echo "make: could not install safetensors, numpy; their tests will be skipped"; \
	fi

release: deps
	$(SWIFT) build -c release --product aelab

run: release
	.build/release/aelab $(ARGS)

# Tests run optimized: the engine's training tests are 10x faster than in a debug build.
test: deps
	$(SWIFT) test -c release -Xswiftc -enable-testing

bench: release
	.build/release/aelab bench $(ARGS)

clean:
	rm -rf .build
