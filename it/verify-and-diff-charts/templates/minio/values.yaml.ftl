<#-- A site template: MinIO's slot runs the test chart 'unused-value'. -->
used: ${project.name}
