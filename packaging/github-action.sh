#!/usr/bin/env bash
# The step of the composite GitHub Action (action.yml): annotations in the log and on the pull
# request, a SARIF file for code scanning, and a Markdown job summary. The step's exit code is
# fazhi-check's (0 pass, 1 findings at or above fail-on, 2 unusable file or configuration).
set -u
read -r -a paths <<< "${FAZHI_PATHS:-.}"
fail_on=${FAZHI_FAIL_ON:-error}
fazhi-check check --format "${FAZHI_FORMAT:-github}" --fail-on "$fail_on" "${paths[@]}"
code=$?
fazhi-check check --format sarif --fail-on "$fail_on" -o "${FAZHI_SARIF:-fazhi-check.sarif}" "${paths[@]}" > /dev/null 2>&1
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  fazhi-check check --format markdown --fail-on "$fail_on" "${paths[@]}" >> "$GITHUB_STEP_SUMMARY" 2> /dev/null
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$code" >> "$GITHUB_OUTPUT"
fi
exit "$code"
