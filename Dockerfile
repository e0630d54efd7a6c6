# Builds mfactl from source: docker build -t mfactl . && docker run --rm -v "$PWD:/work" mfactl validate
# (Release images are built by GoReleaser from Dockerfile.release.)
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=0.0.0-docker
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/mfactl/mfactl/cmd.Version=${VERSION}" -o /out/mfactl .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/mfactl /usr/local/bin/mfactl
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/mfactl"]
