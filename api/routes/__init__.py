"""Routes per resource; they translate HTTP to agent calls and hold no logic."""
