# cebdesk — two commands set everything up on a fresh Debian/Ubuntu machine:
#   make run    install and open the app (headless machines: a clear message, then `make demo`)
#   make test   install and run the whole test suite
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Debian packages: Qt runtime (offscreen and xcb), Xvfb, a CJK font, SoftHSM2 and OpenSC for
# PKCS#11, xmlsec1 as the independent signature verifier, python3-venv for the virtualenv,
# postgresql for the tests of the shared journal (a throw-away cluster of their own).
APT_PACKAGES := python3-venv libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 \
	xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 \
	libxcb-shape0 libxkbcommon-x11-0 fonts-wqy-microhei softhsm2 opensc xmlsec1 postgresql

.PHONY: all system venv run test demo bench templates screenshots package clean

all: venv

system:
	@missing=""; for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "Missing Debian packages (install them as root):$$missing" >&2; \
		echo "  sudo apt-get install --no-install-recommends$$missing" >&2; \
	fi

$(STAMP): pyproject.toml resources/translations/cebdesk_en.ts
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	$(PY) tools/translations.py compile
	@touch $(STAMP)

venv: system $(STAMP)

run: venv
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
		echo "没有图形显示（DISPLAY 未设置）：桌面窗口无法打开。"; \
		echo "No display here (DISPLAY is not set): the window cannot open."; \
		echo "Try the headless demo instead:  make demo      (CLI help: $(VENV)/bin/cebdesk --help)"; \
	else \
		$(VENV)/bin/cebdesk; \
	fi

test: venv
	$(PY) -m ruff check cebdesk tests benchmarks tools packaging
	$(PY) -m pytest

demo: venv
	$(PY) -m cebdesk.demo cebdesk-demo

bench: venv
	$(PY) benchmarks/convert.py
	$(PY) benchmarks/sign.py
	$(PY) benchmarks/exchange.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/gui.py

# Pictures of every page with demo data for the docs, from the real app under Xvfb.
screenshots: venv
	xvfb-run -a -s "-screen 0 1280x800x24" $(PY) tools/screenshots.py docs/screenshots
	xvfb-run -a -s "-screen 0 1280x800x24" $(PY) tools/screenshots.py docs/screenshots en

# Regenerate the shipped templates from spec/ (a test keeps them equal).
templates: venv
	for t in order payment logistics logistics-status inventory inventory-cancel inventory-refund delivery \
		export-order export-receipt export-logistics arrival departure export-inventory export-cancel waybill \
		export-refund tally summary; do \
		$(VENV)/bin/cebdesk template $$t -o templates/$$t.xlsx || exit 1; \
	done

# The self-contained app for this system (PyInstaller): dist/cebdesk/ (Linux, Windows) or
# dist/cebdesk.app (macOS); the Windows installer: packaging/windows/cebdesk.iss.
package: venv
	$(PY) packaging/build.py

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
