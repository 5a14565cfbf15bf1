# The two commands: `make run` and `make test`. Everything else supports them.
BUILD ?= build
JOBS ?= 2
DB ?= ./data/weishang.db
LISTEN ?= 127.0.0.1:8080

.PHONY: bootstrap configure build run test bench clean

bootstrap:
	@scripts/bootstrap

$(BUILD)/build.ninja: | bootstrap
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

configure: $(BUILD)/build.ninja

build: bootstrap configure
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
