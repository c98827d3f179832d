# aelab: the two commands (make run, make test), the benchmark (make bench) and the measurements
# (make figures, make soak).
# Each first installs what is missing: through apt when run as root, otherwise it prints the
# exact command to run.

SWIFT ?= swift
APT_PACKAGES := libopenblas-dev pkg-config zlib1g-dev libncurses-dev tmux
ARGS ?=
# The CPU the engine is compiled for: skylake-avx512, haswell or empty (generic x86-64), from this
# machine's CPU flags (scripts/target-cpu.sh); `make release AELAB_CPU=` builds a generic binary
# for other machines. The binary refuses to start, with a sentence, on a CPU lacking it.
AELAB_CPU ?= $(shell scripts/target-cpu.sh)
CPU_DEFINE_skylake-avx512 := -Xcc -DAELAB_TARGET_AVX512
CPU_DEFINE_haswell := -Xcc -DAELAB_TARGET_AVX2
SWIFT_CPU_FLAGS := $(if $(AELAB_CPU),-Xswiftc -target-cpu -Xswiftc $(AELAB_CPU) $(CPU_DEFINE_$(AELAB_CPU)))

.PHONY: run test lint test-tsan test-deps bench bench-peers deps build release clean fuzz fuzz-smoke fuzz-build

# The apt step of deps and test-deps: installs the packages in $$missing as root, otherwise
# prints the exact command and fails.
APT_INSTALL_MISSING = if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "make: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "make: missing system packages; run:  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

deps:
	@missing=""; \
	pkg-config --exists openblas 2>/dev/null || missing="$$missing libopenblas-dev pkg-config"; \
	[ -f /usr/include/zlib.h ] || missing="$$missing zlib1g-dev"; \
	[ -f /usr/include/ncurses.h ] || [ -f /usr/include/ncursesw/ncurses.h ] || missing="$$missing libncurses-dev"; \
	command -v tmux >/dev/null 2>&1 || missing="$$missing tmux"; \
	$(APT_INSTALL_MISSING)
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "make: swift not found; install Swift 6 from swift.org"; exit 1; }
	@# the checkpoint tests cross-check with Python's safetensors reader (skipped when absent)
	@if command -v python3 >/dev/null 2>&1 && [ "$$(id -u)" = "0" ]; then \
	  python3 -c 'import safetensors, numpy' 2>/dev/null || pip install -q safetensors numpy || \
	  pip install -q --break-system-packages safetensors numpy || echo "make: could not install safetensors, numpy; their tests will be skipped"; \
	fi

# What only the tests need: GNU parallel and a single-node Slurm (slurm-wlm, munge) for the sweep
# tests, and Python's tensorboard for reading aelab's event files back.
test-deps:
	@missing=""; \
	parallel --version 2>/dev/null | grep -q "GNU parallel" || missing="$$missing parallel"; \
	if [ "$$(id -u)" = "0" ]; then \
	  [ -x /usr/sbin/slurmctld ] && [ -x /usr/sbin/slurmd ] || missing="$$missing slurm-wlm"; \
	  [ -x /usr/sbin/munged ] || missing="$$missing munge"; \
	fi; \
	$(APT_INSTALL_MISSING)
	@# the TensorBoard test reads aelab's event files with tensorboard's own reader (skipped when absent)
	@if command -v python3 >/dev/null 2>&1 && [ "$$(id -u)" = "0" ]; then \
	  python3 -c 'import tensorboard' 2>/dev/null || pip install -q tensorboard || \
	  pip install -q --break-system-packages tensorboard || echo "make: could not install tensorboard; its test will be skipped"; \
	fi

release: deps
	$(SWIFT) build -c release $(SWIFT_CPU_FLAGS) --product aelab

run: release
	.build/release/aelab $(ARGS)

# The whole suite: a short fuzz run of every parser, then the release binary (the end-to-end
# tests drive it, in tmux too), then every test target, then the cross-thread suites again
# under ThreadSanitizer (test-tsan). Tests run optimized: the engine's training tests are 10x
# faster than in a debug build.
# The source format: .swift-format (4 spaces, 120 columns); `swift format -i -r Sources Tests
# Fuzz Package.swift` fixes what this finds.
lint:
	$(SWIFT) format lint --strict -r Sources Tests Fuzz Package.swift

test: lint deps test-deps fuzz-smoke
	$(SWIFT) build -c release $(SWIFT_CPU_FLAGS) -Xswiftc -enable-testing --product aelab
	$(SWIFT) test -c release $(SWIFT_CPU_FLAGS) -Xswiftc -enable-testing
	@$(MAKE) --no-print-directory test-tsan

# Data races between the UI thread and the training queue: the suites that train on the
# session's queue while the test thread reads snapshots (TrainingSession, pairing, the mailbox,
# the inbox, the UI loop on a real session), built with ThreadSanitizer into .build-tsan so the
# normal build is left alone. Any report fails the run (exit code 66, then swift test fails).
# A debug build: cold, it compiles in half the time of -c release with TSan (4.0 against 8.1 min
# on the shared 2-core machine), and these suites run in about a minute instead of 20 s.
# OpenBLAS's own threads are not instrumented; no report has come from them so far.
TSAN_SUITES ?= SessionTests|PairingTests|CrossThreadTests
test-tsan: deps
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan --filter '$(TSAN_SUITES)'

bench: release
	.build/release/aelab bench $(ARGS)

# The peers: JAX (jit, CPU) from PyPI in .venv-peers trains the same three models; prints
# aelab's and JAX's samples/s and the ratio at 1 and 2 threads (scripts/bench_peers.py).
bench-peers: release
	@[ -x .venv-peers/bin/python ] || python3 -m venv .venv-peers
	@.venv-peers/bin/python -c 'import jax' 2>/dev/null || .venv-peers/bin/pip install -q 'jax[cpu]' numpy
	.venv-peers/bin/python scripts/bench_peers.py $(ARGS)

clean:
	rm -rf .build .build-tsan

# Install under PREFIX (default /usr/local; DESTDIR for packaging): the binary, themes, presets,
# the man page argument-parser's generate-manual plugin writes (works offline once the package is
# resolved; when it cannot run, scripts/manpage.sh makes one from the binary's help), and
# bash/zsh/fish completions generated by argument-parser. scripts/install.sh says where each
# goes; InstallTests runs it into a temporary prefix end to end.
PREFIX ?= /usr/local
DESTDIR ?=
GENERATED_MANUAL := .build/plugins/GenerateManual/outputs/aelab/aelab.1
.PHONY: install uninstall
install: release
	@rm -f $(GENERATED_MANUAL); $(SWIFT) package plugin generate-manual >/dev/null 2>&1 || \
	  echo "make: the generate-manual plugin did not run; the man page comes from scripts/manpage.sh"
	MANPAGE=$(GENERATED_MANUAL) sh scripts/install.sh "$(DESTDIR)$(PREFIX)" .build/release/aelab

uninstall:
	sh scripts/install.sh --uninstall "$(DESTDIR)$(PREFIX)"

# Fuzzing: one libFuzzer target per parser (Fuzz/<Target>/main.swift), built with
# swiftc -sanitize=fuzzer,address against the library modules compiled the same way.
# Seeds are in Fuzz/corpus/<Target>/; new inputs and crash files go to Fuzz/out/ (not committed).
#   make fuzz                 each target for FUZZ_SECONDS (default 60)
#   make fuzz FUZZ_TARGETS=NPY FUZZ_SECONDS=600
#   make fuzz-smoke           each target for FUZZ_SMOKE_SECONDS (default 10), from the seeds only
FUZZ_TARGETS ?= IDX IDXGzip NPY NPZ Safetensors TOML Preset Theme TorchImport
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_BUILD := .build-fuzz
FUZZ_SWIFTC := swiftc -sanitize=fuzzer,address -parse-as-library -O -wmo -swift-version 6 \
	-package-name aelab -use-ld=lld -I Sources/CBLAS -I Sources/CZlib \
	-I Sources/CVectorMath/include -I $(FUZZ_BUILD)/modules
FORMATS_SOURCES := $(shell find Sources/Formats -name '*.swift')
KIT_SOURCES := $(shell find Sources/AutoencoderKit -name '*.swift')
PICTURES_SOURCES := $(shell find Sources/Pictures -name '*.swift')
WORKBENCH_SOURCES := $(shell find Sources/Workbench -name '*.swift')

# One static library per module, in dependency order: Formats, AutoencoderKit, Pictures, Workbench.
$(FUZZ_BUILD)/libFormats.a: $(FORMATS_SOURCES)
	@mkdir -p $(FUZZ_BUILD)/modules
	$(FUZZ_SWIFTC) -module-name Formats -emit-module \
	  -emit-module-path $(FUZZ_BUILD)/modules/Formats.swiftmodule \
	  -emit-library -static -o $@ $(FORMATS_SOURCES)

$(FUZZ_BUILD)/libAutoencoderKit.a: $(KIT_SOURCES) $(FUZZ_BUILD)/libFormats.a
	$(FUZZ_SWIFTC) -module-name AutoencoderKit -emit-module \
	  -emit-module-path $(FUZZ_BUILD)/modules/AutoencoderKit.swiftmodule \
	  -emit-library -static -o $@ $(KIT_SOURCES)

$(FUZZ_BUILD)/libPictures.a: $(PICTURES_SOURCES) $(FUZZ_BUILD)/libAutoencoderKit.a
	$(FUZZ_SWIFTC) -module-name Pictures -emit-module \
	  -emit-module-path $(FUZZ_BUILD)/modules/Pictures.swiftmodule \
	  -emit-library -static -o $@ $(PICTURES_SOURCES)

$(FUZZ_BUILD)/libWorkbench.a: $(WORKBENCH_SOURCES) $(FUZZ_BUILD)/libPictures.a
	$(FUZZ_SWIFTC) -module-name Workbench -emit-module \
	  -emit-module-path $(FUZZ_BUILD)/modules/Workbench.swiftmodule \
	  -emit-library -static -o $@ $(WORKBENCH_SOURCES)

$(FUZZ_BUILD)/Theme: Fuzz/Theme/main.swift $(FUZZ_BUILD)/libWorkbench.a
	$(FUZZ_SWIFTC) -module-name FuzzTheme $< -o $@ \
	  -L $(FUZZ_BUILD) -lWorkbench -lPictures -lAutoencoderKit -lFormats -lopenblas -lz

$(FUZZ_BUILD)/%: Fuzz/%/main.swift $(FUZZ_BUILD)/libAutoencoderKit.a
	$(FUZZ_SWIFTC) -module-name Fuzz$* $< -o $@ -L $(FUZZ_BUILD) -lAutoencoderKit -lFormats -lopenblas -lz

fuzz-build: deps $(addprefix $(FUZZ_BUILD)/,$(FUZZ_TARGETS))

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do Fuzz/run.sh $$t $(FUZZ_SECONDS) || exit 1; done

fuzz-smoke: fuzz-build
	@for t in $(FUZZ_TARGETS); do Fuzz/run.sh --smoke $$t $(FUZZ_SMOKE_SECONDS) || exit 1; done

# The README's workbench figures (key latency, terminal bytes/s, throughput against headless),
# measured with the real binary in tmux; a measurement, never a timed test.
.PHONY: figures
figures: release
	python3 scripts/workbench_figures.py

# The soak run: the workbench trains for SOAK_MINUTES (default 30) in tmux with keys every 2 s
# and resizes every 30 s; prints memory, frame render times and throughput with PASS/FAIL
# lines. A measurement, never a test:  make soak SOAK_MINUTES=2
SOAK_MINUTES ?= 30
.PHONY: soak
soak: release
	python3 scripts/soak.py --minutes $(SOAK_MINUTES)
