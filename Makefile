# SmartSpec — the two commands of the README:
#   make demo   runs the main job on the bundled demo dataset
#   make test   runs the test suite
# Both first install the Debian/Ubuntu packages SmartSpec needs when they are missing.

SYSTEM_PACKAGES := liblapack-dev libopenblas0-pthread zlib1g-dev libssl-dev libfreexl-dev pkg-config
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
SMARTSPEC := .build/release/smartspec

.PHONY: demo test system-packages release bench

demo: release
	$(SMARTSPEC) recommend --region XA03 --out smartspec-out
	$(SMARTSPEC) recommend --dataset Datasets/ru-regions-2022 --region RU-TA --lang ru --out smartspec-out
	$(SMARTSPEC) validate --dataset Datasets/demo
	$(SMARTSPEC) similar --dataset Datasets/demo --region XA03 --top 10
	$(SMARTSPEC) benchmark --dataset Datasets/demo --region XA03 --top 10
	$(SMARTSPEC) scenarios Datasets/demo/foresight/study.yaml --succession global
	$(SMARTSPEC) score Datasets/demo/foresight/study.yaml --scenario-weights volume
	$(SMARTSPEC) scenarios Datasets/demo/foresight/study.yaml --uncertainty 1 --samples 200 --seed 1
	$(SMARTSPEC) report Datasets/demo/foresight/study.yaml --out smartspec-out/report
	$(SMARTSPEC) doctor

test: system-packages
	swift test

release: system-packages
	swift build -c release --product smartspec
	swift build -c release --product smartspec-workbook

bench: system-packages
	bash Benchmarks/run.sh

system-packages:
	@if ! dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || ! pkg-config --exists lapack blas zlib libcrypto freexl; then \
		echo "Installing system packages: $(SYSTEM_PACKAGES)"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	fi
