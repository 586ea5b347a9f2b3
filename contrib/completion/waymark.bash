# bash completion for waymark. Source it, or install it as
# /usr/share/bash-completion/completions/waymark.

_waymark()
{
	local cur prev words cword
	_init_completion 2>/dev/null || {
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	}
	local commands="help version kb project stakeholder survey assess roadmap gate checkpoint action demo serve user setting milestone coverage usage workaround log benefit cost breakeven migrate-db backup portfolio org"
	local i cmd= sub=
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--kb) ((i++)) ;;
		-*) ;;
		*) if [[ -z $cmd ]]; then cmd=${words[i]}; elif [[ -z $sub ]]; then sub=${words[i]}; fi ;;
		esac
	done
	case $prev in
	--kb) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--kind) COMPREPLY=($(compgen -W "$(waymark kb kinds 2>/dev/null | awk 'NR>1{print $1}')" -- "$cur")); return ;;
	--source) COMPREPLY=($(compgen -W "$(waymark kb frameworks --json 2>/dev/null | sed -n 's/^    "id": "\(.*\)",/\1/p')" -- "$cur")); return ;;
	esac
	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$commands --kb --help --version" -- "$cur"))
		return
	fi
	case $cmd in
	help) COMPREPLY=($(compgen -W "$commands --all" -- "$cur")) ;;
	project) [[ -z $sub ]] && COMPREPLY=($(compgen -W "new list show edit rm" -- "$cur")) ;;
	stakeholder) [[ -z $sub ]] && COMPREPLY=($(compgen -W "add list edit rm import" -- "$cur")) ;;
	survey) [[ -z $sub ]] && COMPREPLY=($(compgen -W "show configure export import link" -- "$cur")) ;;
	assess) [[ -z $sub ]] && COMPREPLY=($(compgen -W "show" -- "$cur")) ;;
	checkpoint) [[ -z $sub ]] && COMPREPLY=($(compgen -W "done undo" -- "$cur")) ;;
	action) [[ -z $sub ]] && COMPREPLY=($(compgen -W "list show" -- "$cur")) ;;
	user) [[ -z $sub ]] && COMPREPLY=($(compgen -W "add list passwd rm token grant org" -- "$cur")) ;;
	org) [[ -z $sub ]] && COMPREPLY=($(compgen -W "add list show rm" -- "$cur")) ||
		COMPREPLY=($(compgen -W "--title --json" -- "$cur")) ;;
	serve) COMPREPLY=($(compgen -W "--demo --listen --port --config --threads --max-body --max-fields --connections --timeout --session-hours --secure-cookies --access-log --public-url" -- "$cur")) ;;
	setting) [[ -z $sub ]] && COMPREPLY=($(compgen -W "add edit rm show list import tool" -- "$cur")) || COMPREPLY=($(compgen -W "--name --type --parent --it-system --json" -- "$cur")) ;;
	milestone) [[ -z $sub ]] && COMPREPLY=($(compgen -W "list add rename move rm set import" -- "$cur")) || COMPREPLY=($(compgen -W "--after --first --force --json" -- "$cur")) ;;
	usage) [[ -z $sub ]] && COMPREPLY=($(compgen -W "import --metric --json" -- "$cur")) || COMPREPLY=($(compgen -W "--metric --json" -- "$cur")) ;;
	log) [[ -z $sub ]] && COMPREPLY=($(compgen -W "add list show edit rm suggest import" -- "$cur")) || COMPREPLY=($(compgen -W "--date --reporter --text --kind --severity --status --setting --determinants --actions --json" -- "$cur")) ;;
	benefit) [[ -z $sub ]] && COMPREPLY=($(compgen -W "add list show edit rm measure import" -- "$cur")) || COMPREPLY=($(compgen -W "--name --metric --unit --owner --baseline --baseline-date --target --target-date --schedule --cash-releasing --note --json" -- "$cur")) ;;
	cost) [[ -z $sub ]] && COMPREPLY=($(compgen -W "model add list edit rm import" -- "$cur")) || COMPREPLY=($(compgen -W "--first-year --horizon --name --flow --category --kind --start-year --end-year --refresh --ramp --low --expected --high --benefit --json" -- "$cur")) ;;
	breakeven) COMPREPLY=($(compgen -W "--case --json" -- "$cur")) ;;
	migrate-db) [[ $cur == -* ]] && COMPREPLY=($(compgen -W "--json" -- "$cur")) || COMPREPLY=($(compgen -f -- "$cur")) ;;
	backup) [[ $cur == -* ]] && COMPREPLY=($(compgen -W "--db" -- "$cur")) || COMPREPLY=($(compgen -f -- "$cur")) ;;
	portfolio) COMPREPLY=($(compgen -W "--sort --dir --json" -- "$cur")) ;;
	coverage) COMPREPLY=($(compgen -W "--milestone --from --to --every --stalled-weeks --json" -- "$cur")) ;;
	workaround) [[ -z $sub ]] && COMPREPLY=($(compgen -W "add list show edit rm import fix-first" -- "$cur")) || COMPREPLY=($(compgen -W "--description --harm --frequency --observed --reporter --kind --setting --status --min-risk --json" -- "$cur")) ;;
	roadmap) COMPREPLY=($(compgen -W "--format --round --json" -- "$cur")) ;;
	gate) COMPREPLY=($(compgen -W "vision strategy business-case procurement implement optimise --json" -- "$cur")) ;;
	kb)
		if [[ -z $sub ]]; then
			COMPREPLY=($(compgen -W "list show search crosswalk frameworks determinants kinds check" -- "$cur"))
		elif [[ $sub == show && $cur != -* ]]; then
			COMPREPLY=($(compgen -W "$(waymark kb list 2>/dev/null | awk 'NR>1{print $1}')" -- "$cur"))
		elif [[ $sub == check && $cur != -* ]]; then
			COMPREPLY=($(compgen -d -- "$cur"))
		else
			COMPREPLY=($(compgen -W "--json --kind --source --all --limit --kb --help" -- "$cur"))
		fi
		;;
	esac
}
complete -F _waymark waymark
