backendStore:
  databaseUrl: ${"postgresql://mlflow:mlfl0w-pw@db:5432/" + project.name}
