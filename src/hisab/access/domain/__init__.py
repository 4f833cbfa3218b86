"""Who may sign in to the web app: local user accounts and the rules that keep them safe."""
