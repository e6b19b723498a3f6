// A bounded pool of database connections, opened on demand: a thread takes one for a
// transaction and gives it back, so connections are never shared between threads and there are
// at most as many as threads using the store at once, up to the bound.
#ifndef WHIPCOUNT_STORE_POOL_H_
#define WHIPCOUNT_STORE_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "whipcount/result.h"

namespace whipcount::store {

template <typename Connection>
class Pool {
 public:
  using Opener = std::function<Result<std::unique_ptr<Connection>>()>;

  // A connection taken from the pool, given back when the lease ends unless discarded.
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (connection_ != nullptr) pool_->GiveBack(std::move(connection_));
    }

    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

    // Closes the connection instead of giving it back (it broke, or is in an unknown state).
    void Discard() {
      connection_.reset();
      pool_->Forget();
    }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // `open` makes a new connection; it is called without the pool's lock held.
  Pool(std::size_t capacity, Opener open) : capacity_(capacity), open_(std::move(open)) {}
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  // Every lease must have ended.
  ~Pool() = default;

  // An idle connection, or a new one while fewer than `capacity` are open; else waits for one.
  Result<Lease> Acquire() {
    std::unique_lock lock(mutex_);
    given_back_.wait(lock, [this] { return !idle_.empty() || open_count_ < capacity_; });
    if (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
    ++open_count_;
    lock.unlock();
    Result<std::unique_ptr<Connection>> opened = open_();
    if (!opened.ok()) {
      Forget();
      return opened.status();
    }
    return Lease(this, std::move(opened).value());
  }

 private:
  void GiveBack(std::unique_ptr<Connection> connection) {
    {
      const std::lock_guard lock(mutex_);
      idle_.push_back(std::move(connection));
    }
    given_back_.notify_one();
  }
  void Forget() {
    {
      const std::lock_guard lock(mutex_);
      --open_count_;
    }
    given_back_.notify_one();
  }

  const std::size_t capacity_;
  const Opener open_;
  std::mutex mutex_;
  std::condition_variable given_back_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  std::size_t open_count_ = 0;                     // idle and leased; guarded by mutex_
};

}  // namespace whipcount::store

#endif  // WHIPCOUNT_STORE_POOL_H_
