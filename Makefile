# The two commands: `make run` and `make test`. Everything else supports them.
BUILD ?= build
JOBS ?= 2
DB ?= ./data/weishang.db
LISTEN ?= 127.0.0.1:8080

# The web front end (web/): npm ci when the lock file changed, vite build
# when a source changed; build/web/ is what `weishang serve` serves.
WEB_OUT := $(abspath $(BUILD))/web
WEB_INSTALLED := web/node_modules/.weishang-installed
WEB_BUILT := $(BUILD)/web.stamp
WEB_SOURCES := $(shell find web -path web/node_modules -prune -o -type f -print)

.PHONY: bootstrap configure build web run test bench clean

bootstrap:
	@scripts/bootstrap

$(BUILD)/build.ninja: | bootstrap
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

configure: $(BUILD)/build.ninja

$(WEB_INSTALLED): web/package.json web/package-lock.json | bootstrap
	cd web && npm ci --no-audit --no-fund
	@touch $@

$(WEB_BUILT): $(WEB_INSTALLED) $(WEB_SOURCES)
	cd web && WEB_OUT_DIR=$(WEB_OUT) npm run --silent build
	@mkdir -p $(BUILD) && touch $@

web: $(WEB_BUILT)

build: bootstrap configure web
	cmake --build $(BUILD) -j $(JOBS)

run: build
	@scripts/run "$(BUILD)/weishang" "$(DB)" "$(LISTEN)"

# Every test on both engines: scripts/with-postgres runs ctest beside a
# throw-away PostgreSQL server and removes it afterwards.
test: build
	scripts/with-postgres ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

bench: build
	@scripts/bench "$(BUILD)"

clean:
	rm -rf $(BUILD)
