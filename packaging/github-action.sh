#!/usr/bin/env bash
# The step of the composite GitHub Action (action.yml): annotations in the log and on the pull
# request, a SARIF file for code scanning, and a Markdown job summary. The step's exit code is
# fazhi-check's (0 pass, 1 findings at or above fail-on, 2 unusable file or configuration).
set -u
# one path a line when the input has several lines (a path may then hold spaces), else split on spaces
if [[ "${FAZHI_PATHS:-.}" == *$'\n'* ]]; then
  mapfile -t lines <<< "$FAZHI_PATHS"
  paths=()
  for line in "${lines[@]}"; do
    line="${line#"${line%%[![:space:]]*}"}"; line="${line%"${line##*[![:space:]]}"}"  # trim
    [ -n "$line" ] && paths+=("$line")
  done
else
  read -r -a paths <<< "${FAZHI_PATHS:-.}"
fi
[ ${#paths[@]} -gt 0 ] || paths=(.)
# --fail-on only when the input is set: otherwise the project's fail_on (.fazhi-check.yaml) holds,
# as it does for the command line and pre-commit
fail_on=()
[ -n "${FAZHI_FAIL_ON:-}" ] && fail_on=(--fail-on "$FAZHI_FAIL_ON")
# SARIF rule help links point at this action's own rule catalogue when GitHub tells where it is
if [ -n "${FAZHI_ACTION_REPOSITORY:-}" ] && [ -n "${FAZHI_ACTION_REF:-}" ]; then
  export FAZHI_CHECK_SOURCE_URL="${FAZHI_SERVER_URL:-https://github.com}/$FAZHI_ACTION_REPOSITORY/blob/$FAZHI_ACTION_REF"
fi
fazhi-check check --format "${FAZHI_FORMAT:-github}" "${fail_on[@]}" "${paths[@]}"
code=$?
fazhi-check check --format sarif "${fail_on[@]}" -o "${FAZHI_SARIF:-fazhi-check.sarif}" "${paths[@]}" > /dev/null 2>&1
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  # GitHub drops a step's whole summary past 1 MiB: a summary that would pass it is cut at a line
  # end, with a note saying where the complete results are
  table=$(mktemp)
  fazhi-check check --format markdown "${fail_on[@]}" "${paths[@]}" > "$table" 2> /dev/null
  room=$(( ${FAZHI_SUMMARY_LIMIT:-1000000} - $(wc -c < "$GITHUB_STEP_SUMMARY" 2> /dev/null || echo 0) - 400 ))
  if [ "$(wc -c < "$table")" -le "$room" ]; then
    cat "$table" >> "$GITHUB_STEP_SUMMARY"
  else
    cut=$(mktemp)
    head -c "$(( room > 0 ? room : 0 ))" "$table" | sed '$d' > "$cut"
    open=$(( $(grep -c '<details>' "$cut") - $(grep -c '</details>' "$cut") ))
    cat "$cut" >> "$GITHUB_STEP_SUMMARY"
    [ "$open" -gt 0 ] && printf '\n</details>\n' >> "$GITHUB_STEP_SUMMARY"  # the report cut off inside its block
    rm -f "$cut"
    printf '\n> 汇总超过 GitHub 作业摘要 1 MiB 的上限，以下从略。完整结果见 SARIF 文件（%s）和本步骤的日志。\n' \
      "${FAZHI_SARIF:-fazhi-check.sarif}" >> "$GITHUB_STEP_SUMMARY"
  fi
  rm -f "$table"
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$code" >> "$GITHUB_OUTPUT"
fi
exit "$code"
