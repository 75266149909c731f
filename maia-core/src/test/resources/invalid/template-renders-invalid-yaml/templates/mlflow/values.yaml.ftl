args: [--host, 0.0.0.0
backendStore: {name: ${project.name}}
