"""Rule files: loading, validation and the rule test runner."""
from .loader import builtin_pack_dir, load_pack
from .model import Rule, RulePack

__all__ = ["load_pack", "builtin_pack_dir", "Rule", "RulePack"]
