# bwc-kiosk: every target installs what it needs first (DESIGN §9).
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV := .tools/bin/uv
PY := .venv/bin/python
APT_PACKAGES := python3 python3-venv python3-pip ffmpeg xorriso mtools exfat-fuse exfatprogs \
	rsync tmux udev fonts-noto-cjk locales git make strace \
	poppler-utils faketime e2fsprogs
# The printing tests run a CUPS server of their own (tests/discs/cups.py); without the
# daemons CUPS recommends (avahi, colord, cups-browsed), which would announce a printer.
# The archive's PostgreSQL tests start a cluster of their own (tests/pg_cluster.py) from the
# server binaries; sysstat, which the server package recommends, is not needed.
APT_BARE := cups-daemon cups-client postgresql
STAMP := .venv/.setup-stamp
# Every `bwc` a test, the README runner or the demo starts would otherwise compile its ~200
# modules afresh (about 1.5 s of CPU each) where the environment forbids writing bytecode.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help setup demo test lint ops-lint pytest bench image image-test clean

help:
	@echo "make demo | test | lint | bench | image | image-test | setup"

# Idempotent: apt only when a package is missing, uv sync only when the lock changed.
setup: $(STAMP)

$(STAMP): uv.lock pyproject.toml
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	bare=$$(for p in $(APT_BARE); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing$$bare" ]; then \
		if [ "$$(id -u)" != 0 ]; then echo "make setup: run as root to install: $$missing $$bare" >&2; exit 1; fi; \
		export DEBIAN_FRONTEND=noninteractive; apt-get update -qq \
		&& { [ -z "$$missing" ] || apt-get install -y -qq $$missing; } \
		&& { [ -z "$$bare" ] || apt-get install -y -qq --no-install-recommends $$bare; }; \
	fi
	@[ -x $(UV) ] || { python3 -m venv .tools && .tools/bin/pip install -q 'uv>=0.5'; }
	$(UV) sync --frozen
	@touch $(STAMP)

demo: setup
	$(UV) run --frozen bwc-kiosk --demo $(if $(KEEP),--keep)

lint: setup
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy
	$(UV) run --frozen lint-imports
	$(MAKE) --no-print-directory ops-lint

# Two workers, one per core (pytest-xdist; a third was measured no faster); the suites that
# share the machine itself (udev, loop devices, accounts) run in one group, one after the
# other (tests/conftest.py).
PYTEST_WORKERS ?= 2
pytest: setup
	$(UV) run --frozen pytest -q -n $(PYTEST_WORKERS) --dist loadgroup --durations=15

# Lint beside the tests rather than before them: it is one core's half minute.
test:
	$(MAKE) --no-print-directory -j2 --output-sync=target lint pytest

bench: setup
	$(UV) run --frozen python -m bench

# The playbooks and inventory: yamllint, ansible-lint (production profile, offline) and a
# syntax check of every playbook.
OPS_ENV := ANSIBLE_CONFIG=playbooks/ansible.cfg ANSIBLE_NOCOLOR=1
ops-lint: setup
	.venv/bin/yamllint --strict playbooks inventory .yamllint .ansible-lint
	$(OPS_ENV) .venv/bin/ansible-lint -q
	for playbook in playbooks/site.yml playbooks/image.yml playbooks/verify.yml; do \
		$(OPS_ENV) .venv/bin/ansible-playbook -i inventory/example --syntax-check $$playbook || exit 1; \
	done

# The appliance image (root; it installs mmdebstrap, dosfstools and mtools itself when missing)
# and its boot test: UEFI Secure Boot (OVMF with Microsoft's keys) and a TPM (swtpm) in qemu.
# Under nice/ionice: the build machine is shared. Not part of `make test`.
IMAGE_TEST_PACKAGES := qemu-system-x86 ovmf swtpm swtpm-tools mtools e2fsprogs zstd fdisk
NICE := nice -n 19 ionice -c3
image: setup
	$(NICE) images/build.sh all

image-test: setup
	@missing=$$(for p in $(IMAGE_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
	$(NICE) $(PY) images/boot_test.py

clean:
	rm -rf .venv .tools .mypy_cache .ruff_cache .pytest_cache dist
