#!/usr/bin/env bash
# `terraform validate` on what npm run iam generates: the committed infra/terraform and the other
# shapes the settings give (one platform, studio, the subject forms, member roles), each in a
# scratch folder. Needs terraform and the AWS provider: from the registry, or from a local mirror
# (a folder laid out as `terraform providers mirror` writes it):
#   bash tooling/iam-terraform/scripts/terraform-validate.sh [--plugin-mirror /opt/tf-plugins]
# Not part of npm test: neither terraform nor the provider is a dependency of this repository.
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
if [ "${1:-}" = "--plugin-mirror" ]; then
  [ -d "${2:-}" ] || { echo "--plugin-mirror needs a folder" >&2; exit 2; }
  export TF_CLI_CONFIG_FILE
  TF_CLI_CONFIG_FILE=$(mktemp)
  printf 'provider_installation {\n  filesystem_mirror {\n    path = "%s"\n  }\n}\n' "$2" >"$TF_CLI_CONFIG_FILE"
fi
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 2; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
team=(--team-id tea20010101aaaaaaaaaa --env prod)
github=(--github acme/aws-tasks --github-owner-id 1234567 --github-repository-id 987654321)
variants=(
  "airplane-only|${team[*]} --region us-east-1"
  "airplane-studio|${team[*]} --allow-studio"
  "github-immutable|${github[*]} --region eu-west-1"
  "github-by-name|--github acme/aws-tasks"
  "github-by-name-with-id|--github acme/aws-tasks --github-repository-id 987654321 --github-subject-form name"
  "both|${team[*]} ${github[*]} --region us-east-1"
)
cp -r infra/terraform "$scratch/committed"
for variant in "${variants[@]}"; do
  # shellcheck disable=SC2086 # the settings are words
  npm run -s iam -- ${variant#*|} --out "$scratch/${variant%%|*}" >/dev/null
done
npm run -s iam -- --member-roles --task-account 111111111111 --external-id demo --out "$scratch/member-roles" >/dev/null
failed=0
for dir in "$scratch"/*/; do
  name=$(basename "$dir")
  if terraform -chdir="$dir" init -backend=false -input=false -no-color >"$dir/init.log" 2>&1 &&
    terraform -chdir="$dir" validate -no-color >"$dir/validate.log" 2>&1; then
    echo "valid    $name"
  else
    echo "INVALID  $name"
    cat "$dir/init.log" "$dir/validate.log" 2>/dev/null
    failed=1
  fi
done
terraform version | head -1
sed -n 's/^ *version *= *"\(.*\)"/AWS provider \1/p' "$scratch/committed/.terraform.lock.hcl" | head -1
exit $failed
